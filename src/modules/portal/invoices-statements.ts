import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { renderStatementPdf } from '../payables/index.ts'
import { cents, type ProducerScope } from './scope.ts'
import { portalDb } from './tables.ts'

export type PortalInvoice = { id: string; number: string; invoiceDate: string; dueOn: string; totalGross: number; paid: number; left: number; status: string; currency: string }
export type PortalStatement = {
  id: string; number: string; periodStart: string; periodEnd: string; units: number; salesNet: number; commissionNet: number; commissionVat: number
  amountOwed: number; paid: number; dueOn: string; status: string; currency: string
}

/** The producer's supplier invoices, the soonest due first among those still to pay: when each will be paid. */
export async function listPortalInvoices(ctx: Ctx, scope: ProducerScope): Promise<PortalInvoice[]> {
  const rows = await portalDb(ctx.db)
    .selectFrom('supplier_invoices')
    .select(['id', 'invoice_number', 'invoice_date', 'due_on', 'total_gross', 'amount_paid', 'status', 'currency'])
    .where('producer_id', '=', scope.producerId)
    .orderBy('invoice_date', 'desc').orderBy('id', 'desc')
    .limit(500)
    .execute()
  return rows.map((r) => ({
    id: r.id, number: r.invoice_number, invoiceDate: isoDay(r.invoice_date), dueOn: isoDay(r.due_on), totalGross: cents(r.total_gross),
    paid: cents(r.amount_paid), left: r.status === 'cancelled' ? 0 : cents(r.total_gross) - cents(r.amount_paid), status: r.status, currency: r.currency,
  }))
}

function statementsOf(ctx: Ctx, scope: ProducerScope) {
  return portalDb(ctx.db)
    .selectFrom('consignment_statements')
    .select(['id', 'number', 'period_start', 'period_end', 'units', 'sales_net', 'commission_net', 'commission_vat', 'amount_owed', 'amount_paid', 'due_on', 'status', 'currency'])
    .where('producer_id', '=', scope.producerId)
}
type StatementRow = Awaited<ReturnType<ReturnType<typeof statementsOf>['execute']>>[number]
const toStatement = (r: StatementRow): PortalStatement => ({
  id: r.id, number: r.number, periodStart: isoDay(r.period_start), periodEnd: isoDay(r.period_end), units: r.units, salesNet: cents(r.sales_net),
  commissionNet: cents(r.commission_net), commissionVat: cents(r.commission_vat), amountOwed: cents(r.amount_owed), paid: cents(r.amount_paid),
  dueOn: isoDay(r.due_on), status: r.status, currency: r.currency,
})

/** The producer's consignment statements, the latest period first. */
export async function listPortalStatements(ctx: Ctx, scope: ProducerScope): Promise<PortalStatement[]> {
  return (await statementsOf(ctx, scope).orderBy('period_start', 'desc').limit(120).execute()).map(toStatement)
}

/** One statement, or null when it is unknown or another producer's (check this before rendering its PDF). */
export async function getPortalStatement(ctx: Ctx, scope: ProducerScope, id: string): Promise<PortalStatement | null> {
  const row = await statementsOf(ctx, scope).where('id', '=', id).executeTakeFirst()
  return row ? toStatement(row) : null
}

/** The statement's PDF, rendered by the payables module only once this scoped read proved it is the producer's. */
export async function portalStatementPdf(ctx: Ctx, scope: ProducerScope, id: string): Promise<{ number: string; pdf: Buffer } | null> {
  const statement = await getPortalStatement(ctx, scope, id)
  if (!statement) return null
  const pdf = await renderStatementPdf(ctx, statement.id)
  return pdf ? { number: statement.number, pdf } : null
}
