import { sql } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import { invoicingDb } from './tables.ts'

/**
 * Gap-free numbering (CGI 242 nonies A: "numéro unique basé sur une séquence chronologique et
 * continue"): one counter row per (series, year), moved by UPDATE … RETURNING inside the
 * transaction that inserts the document. The row lock makes concurrent issuers wait their turn,
 * and a rolled-back transaction gives its number back with everything else it wrote.
 * F = invoices, A = credit notes (avoirs); a new year starts again at 1.
 */
export type Series = 'F' | 'A'

/** "F-2026-000001" */
export function documentNumber(series: Series, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`sequence ${sequence} out of range`)
  return `${series}-${year}-${String(sequence).padStart(6, '0')}`
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar date ('YYYY-MM-DD') of an instant where the seller is: an invoice's date is local. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  let f = dateFormats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormats.set(timeZone, f)
  }
  return f.format(instant)
}

/** Waits for and holds the (series, year) counter's row lock until the transaction ends. */
export async function lockSeries(db: Db, series: Series, year: number): Promise<void> {
  const lock = () => invoicingDb(db).selectFrom('invoice_counters').select('last_value').where('series', '=', series).where('year', '=', year).forUpdate().executeTakeFirst()
  if (await lock()) return
  // the first document of the year creates its counter
  await invoicingDb(db).insertInto('invoice_counters').values({ series, year }).onConflict((oc) => oc.columns(['series', 'year']).doNothing()).execute()
  await lock()
}

/** The next number of the series; must run in the transaction that inserts the document. */
export async function takeNextNumber(db: Db, series: Series, year: number): Promise<{ sequence: number; number: string }> {
  if (!db.isTransaction) throw new Error('takeNextNumber outside a transaction would leave gaps on failure')
  // one statement: the year's first number creates the counter, the others move it
  const row = await invoicingDb(db)
    .insertInto('invoice_counters')
    .values({ series, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['series', 'year']).doUpdateSet({ last_value: sql<number>`invoice_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow()
  return { sequence: row.last_value, number: documentNumber(series, year, row.last_value) }
}

