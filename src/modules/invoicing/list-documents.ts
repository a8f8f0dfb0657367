import { sql, type RawBuilder } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { SELLER_PROFILE_ID } from './company-profile.ts'

const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const NumberStart = z.preprocess(blankIsAbsent, z.string().trim().max(40).regex(/^[A-Za-z0-9-]*$/, 'letters, digits and dashes only').transform((s) => s.toUpperCase()).optional())
const Day = z.preprocess(blankIsAbsent, z.iso.date().optional())

/** Filters shared by the finance list and its CSV export; days are the seller's calendar days (invoice dates). */
export const DocumentFilters = z.strictObject({
  kind: z.preprocess(blankIsAbsent, z.enum(['invoice', 'credit_note']).default('invoice')),
  /** the document's number or its start ("F-2026-00012") */
  number: NumberStart,
  /** the order's number or its start ("LK-10001") */
  orderNumber: NumberStart,
  from: Day,
  to: Day,
})

export const DocumentListInput = DocumentFilters.extend({
  sort: z.preprocess(blankIsAbsent, z.enum(['issued_at', 'number', 'total']).default('issued_at')),
  dir: z.preprocess(blankIsAbsent, z.enum(['asc', 'desc']).default('desc')),
  page: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100).default(50)),
}).refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from is after to', path: ['from'] })
export type DocumentListInput = z.input<typeof DocumentListInput>

export type DocumentRow = {
  kind: 'invoice' | 'credit_note'
  id: string
  number: string
  /** the invoice date (seller's calendar day) */
  date: string
  issuedAt: Date
  orderNumber: string
  /** credit notes: the invoice they correct */
  invoiceNumber: string | null
  buyerName: string
  buyerKind: 'B2C' | 'B2B'
  /** credit notes are negative */
  totalNet: number
  totalVat: number
  totalGross: number
  currency: 'EUR'
}

/** Counting stops here (a finance filter usually names a month; the whole ledger is the export's job). */
export const DOCUMENT_COUNT_CAP = 10_000

export type DocumentPage = { rows: DocumentRow[]; total: number; totalCapped: boolean; page: number; pageSize: number }

export const guardFinance = (ctx: Ctx) => {
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'Invoices and credit notes are for staff only.')
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `${what} invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  return parsed.data
}

/**
 * Invoices or credit notes for finance: by number or order number (prefixes), issue days, sorted
 * by date, number or amount, a page at a time. Every filter and sort has its index (0007, 0011).
 */
export async function listDocuments(ctx: Ctx, input: DocumentListInput): Promise<DocumentPage> {
  guardFinance(ctx)
  const f = parseOrThrow(DocumentListInput, input, 'document list query')
  const s = documentSource(f)
  const d = f.dir === 'asc' ? sql`asc` : sql`desc`
  const order = { issued_at: sql`d.issued_at ${d}, d.id ${d}`, number: sql`d.year ${d}, d.sequence ${d}`, total: sql`d.total_gross ${d}, d.id ${d}` }[f.sort]
  const offset = (f.page - 1) * f.pageSize
  // the page's keys first, then its rows: snapshots are read for the rows shown only
  const [ids, count] = await Promise.all([
    sql<{ id: string }>`select d.id from ${s.filterFrom} where ${s.where} order by ${order} limit ${f.pageSize} offset ${offset}`.execute(ctx.db),
    sql<{ n: number }>`select count(*)::int as n from (select 1 from ${s.filterFrom} where ${s.where} limit ${DOCUMENT_COUNT_CAP + 1}) x`.execute(ctx.db),
  ])
  const rows = ids.rows.length
    ? await sql<RowSql>`select ${s.columns} from unnest(${ids.rows.map((r) => r.id)}::text[]) with ordinality as page(id, ord)
        join ${s.from} on d.id = page.id order by page.ord`.execute(ctx.db)
    : { rows: [] }
  const n = count.rows[0]?.n ?? 0
  return { rows: rows.rows.map((r) => documentRow(f.kind, r)), total: Math.min(n, DOCUMENT_COUNT_CAP), totalCapped: n > DOCUMENT_COUNT_CAP, page: f.page, pageSize: f.pageSize }
}

export type RowSql = {
  id: string; number: string; date: string; issued_at: Date; order_number: string; invoice_number: string | null; buyer_name: string | null
  buyer_kind: 'B2C' | 'B2B'; total_net: number; total_vat: number; total_gross: number
}

export function documentRow(kind: DocumentRow['kind'], r: RowSql): DocumentRow {
  return {
    kind, id: r.id, number: r.number, date: r.date, issuedAt: new Date(r.issued_at), orderNumber: r.order_number, invoiceNumber: r.invoice_number,
    buyerName: r.buyer_name ?? '', buyerKind: r.buyer_kind, totalNet: r.total_net, totalVat: r.total_vat, totalGross: r.total_gross, currency: 'EUR',
  }
}

const SELLER_TIME_ZONE = sql`coalesce((select time_zone from company_profiles where id = ${SELLER_PROFILE_ID}), 'America/Guadeloupe')`

/**
 * The table (alias d, with year, sequence, issued_at, total_gross), the filters and the row
 * columns of one kind of document; credit notes reach their order through their invoice.
 */
export function documentSource(f: z.output<typeof DocumentFilters>): {
  /** enough to filter (credit notes join their invoice only for an order number) */
  filterFrom: RawBuilder<unknown>
  from: RawBuilder<unknown>
  where: RawBuilder<unknown>
  columns: RawBuilder<unknown>
  vatByRate: RawBuilder<unknown>
} {
  const invoice = f.kind === 'invoice'
  const from = invoice ? sql`invoices d` : sql`credit_notes d join invoices i on i.id = d.invoice_id`
  const filterFrom = invoice || f.orderNumber ? from : sql`credit_notes d`
  const like = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const where: RawBuilder<unknown>[] = [sql`true`]
  if (f.number) where.push(sql`d.number like ${like(f.number)}`)
  if (f.orderNumber) where.push(invoice ? sql`d.order_number like ${like(f.orderNumber)}` : sql`i.order_number like ${like(f.orderNumber)}`)
  if (f.from) where.push(sql`d.issued_at >= (${f.from}::date)::timestamp at time zone ${SELLER_TIME_ZONE}`)
  if (f.to) where.push(sql`d.issued_at < (${f.to}::date + 1)::timestamp at time zone ${SELLER_TIME_ZONE}`)
  const columns = invoice
    ? sql`d.id, d.number, d.issued_at, d.order_number, null::text as invoice_number, d.snapshot -> 'draft' -> 'buyer' ->> 'name' as buyer_name,
          d.buyer_kind, d.total_net, d.total_vat, d.total_gross,
          to_char(d.issued_at at time zone ${SELLER_TIME_ZONE}, 'YYYY-MM-DD') as date`
    : sql`d.id, d.number, d.issued_at, i.order_number, i.number as invoice_number, d.snapshot -> 'buyer' ->> 'name' as buyer_name,
          i.buyer_kind, d.total_net, d.total_vat, d.total_gross,
          to_char(d.issued_at at time zone ${SELLER_TIME_ZONE}, 'YYYY-MM-DD') as date`
  const vatByRate = invoice ? sql`d.snapshot -> 'draft' -> 'vatByRate'` : sql`d.snapshot -> 'vatByRate'`
  return { filterFrom, from, where: sql.join(where, sql` and `), columns, vatByRate }
}
