// What an import answers, dry run or not: every error with its line (as a spreadsheet numbers
// them, the header being line 1) and column, and what the file would change or changed.

export type CsvError = { line: number; column: string | null; message: string }

export type ImportSummary = {
  productsCreated: number
  productsUpdated: number
  variantsCreated: number
  /** variants whose fields or prices change */
  variantsUpdated: number
  /** rows whose product, variant and prices are already as in the file */
  unchanged: number
}

export type ImportReport = {
  /** true when the file has no error (a dry run may then be applied) */
  ok: boolean
  /** true when the changes were written */
  applied: boolean
  /** the first MAX_REPORTED_ERRORS errors, in line order */
  errors: CsvError[]
  errorCount: number
  rows: number
  summary: ImportSummary
}

export const MAX_REPORTED_ERRORS = 1000

export const emptySummary = (): ImportSummary => ({ productsCreated: 0, productsUpdated: 0, variantsCreated: 0, variantsUpdated: 0, unchanged: 0 })

export function reportOf(errors: CsvError[], rows: number, summary: ImportSummary, applied: boolean): ImportReport {
  const sorted = [...errors].sort((a, b) => a.line - b.line || (a.column ?? '').localeCompare(b.column ?? ''))
  return { ok: errors.length === 0, applied, errors: sorted.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length, rows, summary }
}
