import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import type { InvoiceStatus, MatchStatus } from './tables.ts'

const blankToNull = (s: unknown) => (typeof s === 'string' && s.trim() === '' ? undefined : s)

export const InvoiceListInput = z.object({
  producerId: z.preprocess(blankToNull, z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/, 'Choisissez un producteur de la liste').optional()),
  status: z.preprocess(blankToNull, z.enum(['received', 'disputed', 'approved', 'paid', 'cancelled'], { error: 'Choisissez un statut de la liste' }).optional()),
  matchStatus: z.preprocess(blankToNull, z.enum(['matched', 'mismatch', 'unmatched'], { error: 'Choisissez un rapprochement de la liste' }).optional()),
  overdue: z.preprocess(blankToNull, z.enum(['1']).optional()),
  page: z.preprocess(blankToNull, z.coerce.number().int().min(1).max(10_000).default(1)),
})
export type InvoiceListInput = z.input<typeof InvoiceListInput>

export type InvoiceRow = {
  id: string; producerId: string; producerName: string; invoiceNumber: string; invoiceDate: string; dueOn: string; totalGross: number; amountPaid: number
  status: InvoiceStatus; matchStatus: MatchStatus; daysLate: number
}
export type InvoiceList = { rows: InvoiceRow[]; total: number; page: number; pageSize: number }

const PAGE_SIZE = 50

/** Supplier invoices, newest first, filtered by producer, status, match and overdue (open and past due). */
export async function listSupplierInvoices(ctx: Ctx, raw: InvoiceListInput): Promise<InvoiceList> {
  const f = InvoiceListInput.parse(raw)
  const today = isoDay(ctx.now)
  const where = [
    sql`true`,
    ...(f.producerId ? [sql`i.producer_id = ${f.producerId}`] : []),
    ...(f.status ? [sql`i.status = ${f.status}`] : []),
    ...(f.matchStatus ? [sql`i.match_status = ${f.matchStatus}`] : []),
    ...(f.overdue ? [sql`i.status in ('received', 'disputed', 'approved') and i.due_on < ${today}::date`] : []),
  ]
  const r = await sql<{ id: string; producer_id: string; trade_name: string; invoice_number: string; invoice_date: Date; due_on: Date; total_gross: number; amount_paid: number; status: InvoiceStatus; match_status: MatchStatus; total: number }>`
    select i.id, i.producer_id, p.trade_name, i.invoice_number, i.invoice_date, i.due_on, i.total_gross, i.amount_paid, i.status, i.match_status,
           count(*) over () as total
      from supplier_invoices i join producers p on p.id = i.producer_id
     where ${sql.join(where, sql` and `)}
     order by i.invoice_date desc, i.created_at desc
     limit ${PAGE_SIZE} offset ${(f.page - 1) * PAGE_SIZE}`.execute(ctx.db)
  const open = new Set(['received', 'disputed', 'approved'])
  return {
    rows: r.rows.map((x) => {
      const dueOn = isoDay(x.due_on)
      const late = open.has(x.status) && dueOn < today ? Math.round((Date.parse(today) - Date.parse(dueOn)) / 86_400_000) : 0
      return {
        id: x.id, producerId: x.producer_id, producerName: x.trade_name, invoiceNumber: x.invoice_number, invoiceDate: isoDay(x.invoice_date), dueOn,
        totalGross: Number(x.total_gross), amountPaid: Number(x.amount_paid), status: x.status, matchStatus: x.match_status, daysLate: late,
      }
    }),
    total: Number(r.rows[0]?.total ?? 0),
    page: f.page,
    pageSize: PAGE_SIZE,
  }
}
