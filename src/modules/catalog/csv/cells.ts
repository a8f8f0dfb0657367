// How values are written in catalogue CSV cells, and read back. One rule per kind of value, so
// an exported file imports unchanged:
// - numbers and prices use the file's decimal separator: ',' in a ';' file (French Excel), '.' otherwise;
//   both are accepted on import, never a thousands separator; prices are euros with 2 decimals;
// - yes/no for booleans (oui/non, true/false, 1/0 and blank = no accepted);
// - lists (labels, allergens, zones, months) separated by '|'; selling points one per line in the cell;
// - dimensions as 9x9x33 (cm); the nutrition declaration as JSON.

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string }
const ok = <T>(value: T): CellResult<T> => ({ ok: true, value })
const bad = <T>(message: string): CellResult<T> => ({ ok: false, message })

const blank = (s: string) => s.trim() === ''

// Spreadsheets run a cell starting with = + - @ (or a tab, a carriage return) as a formula: an
// exported product name must never do that. Such cells get a leading apostrophe, removed on import.
const FORMULA = /^'*[=+\-@\t\r]/

export const protectCell = (s: string): string => (FORMULA.test(s) ? `'${s}` : s)
export const unprotectCell = (s: string): string => (s.startsWith("'") && FORMULA.test(s) ? s.slice(1) : s)

export function readText(cell: string): string | null {
  return blank(cell) ? null : cell
}

export function readBoolean(cell: string): CellResult<boolean> {
  const v = cell.trim().toLowerCase()
  if (['', 'no', 'non', 'false', 'faux', '0'].includes(v)) return ok(false)
  if (['yes', 'oui', 'true', 'vrai', '1', 'x'].includes(v)) return ok(true)
  return bad(`« ${cell} » n’est pas oui ou non (yes/no)`)
}

const DECIMAL = /^\d+([.,]\d+)?$/

/** A non-negative decimal with '.' or ','; blank is null. */
export function readDecimal(cell: string): CellResult<number | null> {
  const v = cell.trim()
  if (v === '') return ok(null)
  if (!DECIMAL.test(v)) return bad(`« ${cell} » n’est pas un nombre (ex. 0,7 ou 0.7, sans séparateur de milliers)`)
  return ok(Number(v.replace(',', '.')))
}

export function readInteger(cell: string): CellResult<number | null> {
  const v = cell.trim()
  if (v === '') return ok(null)
  if (!/^\d{1,10}$/.test(v)) return bad(`« ${cell} » n’est pas un nombre entier`)
  return ok(Number(v))
}

/** Euros with at most 2 decimals → integer cents, without going through a float. */
export function readEuros(cell: string): CellResult<number | null> {
  const v = cell.trim()
  if (v === '') return ok(null)
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(v)
  if (!m) return bad(`« ${cell} » n’est pas un prix en euros (ex. 27,90 : 2 décimales au plus, sans symbole €)`)
  return ok(Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')))
}

export function readList(cell: string): string[] {
  return cell.split('|').map((s) => s.trim()).filter((s) => s !== '')
}

export function readLines(cell: string): string[] {
  return cell.split(/\r?\n/).filter((s) => s.trim() !== '')
}

export function readIntegerList(cell: string): CellResult<number[]> {
  const parts = readList(cell)
  if (parts.some((p) => !/^\d{1,4}$/.test(p))) return bad(`« ${cell} » : des nombres entiers séparés par | sont attendus (ex. 11|12|1)`)
  return ok(parts.map(Number))
}

export function readDimensions(cell: string): CellResult<number[] | null> {
  const v = cell.trim()
  if (v === '') return ok(null)
  const m = /^(\d{1,5})\s*[x×X*]\s*(\d{1,5})\s*[x×X*]\s*(\d{1,5})$/.exec(v)
  if (!m) return bad(`« ${cell} » : trois nombres entiers de centimètres sont attendus (ex. 9x9x33)`)
  return ok([Number(m[1]), Number(m[2]), Number(m[3])])
}

export function readJson(cell: string): CellResult<unknown> {
  if (blank(cell)) return ok(null)
  try {
    return ok(JSON.parse(cell))
  } catch {
    return bad('Ce n’est pas du JSON valide (copiez la valeur d’un export)')
  }
}

/** Writes a number with the file's decimal separator, without exponent or trailing zeros. */
export function writeDecimal(n: number | null, decimalSeparator: string): string {
  if (n === null) return ''
  const s = Number.isInteger(n) ? String(n) : n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '')
  return s.replace('.', decimalSeparator)
}

export function writeEuros(cents: number | null | undefined, decimalSeparator: string): string {
  if (cents == null) return ''
  return `${Math.floor(cents / 100)}${decimalSeparator}${String(cents % 100).padStart(2, '0')}`
}

export const writeBoolean = (b: boolean): string => (b ? 'yes' : 'no')
