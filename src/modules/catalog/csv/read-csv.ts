import { parse } from 'csv-parse/sync'
import { AppError } from '../../../kernel/errors.ts'
import type { CsvError } from './report.ts'

/**
 * A file over these limits is refused before it is read. A demo-catalogue row (descriptions, selling
 * points, nutrition) weighs about 850 bytes, so 20,000 rows make about 17 MB.
 */
export const CSV_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 20_000 }

export type CsvRow = { line: number; cells: string[] }
export type CsvTable = { delimiter: ';' | ','; header: string[]; headerLine: number; rows: CsvRow[] }
export type ReadCsvResult = { ok: true; table: CsvTable } | { ok: false; errors: CsvError[] }

const BOM = [0xef, 0xbb, 0xbf]
const LF = 0x0a

/**
 * Reads a CSV file as sent: UTF-8 with or without BOM, ';' (French Excel) or ',' separated (the
 * header line decides), any line ending. Blank rows (";;;" left by spreadsheets) are skipped.
 * Over CSV_LIMITS: CATALOG_CSV_TOO_LARGE, nothing read.
 */
export function readCsv(input: Uint8Array, limits = CSV_LIMITS): ReadCsvResult {
  if (input.byteLength > limits.maxBytes) {
    throw new AppError('CATALOG_CSV_TOO_LARGE', `Le fichier fait ${(input.byteLength / 1048576).toFixed(1)} Mo : ${limits.maxBytes / 1048576} Mo au plus. Découpez-le en plusieurs fichiers.`)
  }
  if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff)) {
    return { ok: false, errors: [{ line: 1, column: null, message: 'Le fichier est en UTF-16 : enregistrez-le au format « CSV UTF-8 ».' }] }
  }
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength).subarray(BOM.every((b, i) => input[i] === b) ? 3 : 0)
  const encodingErrors = badUtf8Lines(bytes)
  if (encodingErrors.length) return { ok: false, errors: encodingErrors }
  if (bytes.byteLength === 0) return { ok: false, errors: [{ line: 1, column: null, message: 'Le fichier est vide.' }] }

  const firstLine = bytes.subarray(0, Math.max(0, bytes.indexOf(LF))).toString('utf8') || bytes.toString('utf8')
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ','
  let parsedRows = 0
  let records: string[][]
  try {
    const parsed: unknown = parse(bytes, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      on_record: (record) => {
        parsedRows++
        return record
      },
    })
    records = parsed as string[][]
  } catch (err) {
    const message = (err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'Un guillemet ouvert n’est jamais fermé : vérifiez les guillemets de cette ligne.'
      : `Ligne illisible (${(err as Error).message.slice(0, 200)}).`
    return { ok: false, errors: [{ line: parsedRows + 1, column: null, message }] }
  }

  // Rows are numbered as a spreadsheet shows them (the header is row 1, a cell holding line breaks
  // stays one row), blank rows included, so an error points at the row the editor sees.
  const rows: CsvRow[] = []
  records.forEach((r, i) => {
    if (r.some((c) => c.trim() !== '')) rows.push({ line: i + 1, cells: r })
  })
  const [header, ...data] = rows
  if (!header) return { ok: false, errors: [{ line: 1, column: null, message: 'Le fichier est vide.' }] }
  if (data.length > limits.maxRows) {
    throw new AppError('CATALOG_CSV_TOO_LARGE', `Le fichier compte ${data.length} lignes : ${limits.maxRows} au plus. Découpez-le en plusieurs fichiers.`)
  }
  return { ok: true, table: { delimiter, header: header.cells.map((c) => c.trim()), headerLine: header.line, rows: data } }
}

const count = (s: string, ch: string) => s.split(ch).length - 1

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Lines holding bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1), at most 20 listed. */
function badUtf8Lines(bytes: Buffer): CsvError[] {
  try {
    strictUtf8.decode(bytes)
    return []
  } catch {
    const errors: CsvError[] = []
    let start = 0
    for (let line = 1; start <= bytes.length && errors.length < 20; line++) {
      const end = bytes.indexOf(LF, start)
      const stop = end === -1 ? bytes.length : end
      try {
        strictUtf8.decode(bytes.subarray(start, stop))
      } catch {
        errors.push({ line, column: null, message: 'Caractères qui ne sont pas en UTF-8 (accents illisibles) : enregistrez le fichier au format « CSV UTF-8 ».' })
      }
      if (end === -1) break
      start = end + 1
    }
    return errors
  }
}
