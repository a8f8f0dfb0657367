import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { payablesDb } from './tables.ts'

export type StatementSummary = {
  id: string; number: string; producerId: string; producerName: string; periodStart: string; periodEnd: string; units: number; salesNet: number
  commissionBp: number; commissionNet: number; commissionVat: number; amountOwed: number; dueOn: string; status: 'issued' | 'paid'; issuedAt: Date
}
export type StatementDetail = StatementSummary & { lines: { orderNumber: string; sku: string; soldOn: string; quantity: number; net: number }[] }

const COLUMNS = ['s.id', 's.number', 's.producer_id', 'p.trade_name', 's.period_start', 's.period_end', 's.units', 's.sales_net', 's.commission_bp', 's.commission_net',
  's.commission_vat', 's.amount_owed', 's.due_on', 's.status', 's.issued_at'] as const

type Row = { id: string; number: string; producer_id: string; trade_name: string; period_start: Date; period_end: Date; units: number; sales_net: number; commission_bp: number; commission_net: number; commission_vat: number; amount_owed: number; due_on: Date; status: 'issued' | 'paid'; issued_at: Date }
const summary = (r: Row): StatementSummary => ({
  id: r.id, number: r.number, producerId: r.producer_id, producerName: r.trade_name, periodStart: isoDay(r.period_start), periodEnd: isoDay(r.period_end),
  units: r.units, salesNet: Number(r.sales_net), commissionBp: r.commission_bp, commissionNet: Number(r.commission_net), commissionVat: Number(r.commission_vat),
  amountOwed: Number(r.amount_owed), dueOn: isoDay(r.due_on), status: r.status, issuedAt: r.issued_at,
})

/** Statements, latest month first. */
export async function listStatements(ctx: Ctx, limit = 200): Promise<StatementSummary[]> {
  const rows = await payablesDb(ctx.db).selectFrom('consignment_statements as s').innerJoin('producers as p', 'p.id', 's.producer_id')
    .select([...COLUMNS]).orderBy('s.period_start', 'desc').orderBy('p.trade_name').limit(limit).execute()
  return rows.map((r) => summary(r as Row))
}

/** One statement with the order lines it settles; null when unknown. */
export async function getStatement(ctx: Ctx, id: string): Promise<StatementDetail | null> {
  const db = payablesDb(ctx.db)
  const r = await db.selectFrom('consignment_statements as s').innerJoin('producers as p', 'p.id', 's.producer_id').select([...COLUMNS]).where('s.id', '=', id).executeTakeFirst()
  if (!r) return null
  const lines = await db.selectFrom('consignment_statement_lines').select(['order_number', 'sku', 'sold_on', 'quantity', 'net']).where('statement_id', '=', id).orderBy('sold_on').orderBy('id').execute()
  return { ...summary(r as Row), lines: lines.map((l) => ({ orderNumber: l.order_number, sku: l.sku, soldOn: isoDay(l.sold_on), quantity: l.quantity, net: Number(l.net) })) }
}
