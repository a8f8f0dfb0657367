import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { divRound } from '../../kernel/money.ts'
import type { PaymentTermsType } from '../producers/index.ts'
import { recordAudit } from '../audit/index.ts'
import { consignmentRefunds, consignmentSales, type SettledLine } from './consignment-sales.ts'
import { dueDate, endOfMonth } from './due-date.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { invalid, parseInput } from './input.ts'
import { payablesDb } from './tables.ts'

/**
 * VAT on our commission: a service billed from Guadeloupe at the standard rate there, 8.5 %
 * (DOMAIN.md §1.1, CGI art. 296). A constant: the tax module's dated rates are per product
 * category, and a commission is not a product.
 */
export const COMMISSION_VAT_BP = 850

export const IssueStatementsInput = z.object({
  month: z.string({ error: 'Choisissez le mois' }).trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Le mois : au format AAAA-MM (ex. 2026-10)'),
})
export type IssueStatementsInput = z.input<typeof IssueStatementsInput>

export type IssuedStatement = { statementId: string; number: string; producerName: string; units: number; salesNet: number; amountOwed: number }
export type IssueResult = { issued: IssuedStatement[]; alreadyIssued: string[]; nothingSold: string[] }

type StatementRow = {
  id: string; number: string; producer_id: string; period_start: string; period_end: string; units: number; sales_net: number; commission_bp: number
  commission_net: number; commission_vat: number; amount_owed: number; due_on: string; status: 'issued'; issued_at: Date; created_by: string | null
}

type Consignor = { producer_id: string; code: string; trade_name: string; commission_bp: number | null; payment_terms_type: PaymentTermsType; payment_terms_days: number }

/**
 * The month's sell-through statements of every producer on consignment (agreement in force on the
 * month's last day): the units of its products on orders paid in the month and not cancelled, net
 * of VAT; our commission (rounded once) and its VAT; what we owe; due per the agreement's terms
 * from the month's end. Units refunded by credit notes issued in the month are deducted as negative
 * lines (`units` counts what was sold; sales_net is after refunds). One statement per producer and
 * month (UNIQUE): a producer already settled for the month is listed, never settled twice.
 */
export async function issueStatements(ctx: Ctx, raw: IssueStatementsInput): Promise<IssueResult> {
  const { month } = parseInput(IssueStatementsInput, raw)
  const start = `${month}-01`
  const end = endOfMonth(start)
  if (end >= isoDay(ctx.now)) invalid([{ path: 'month', message: `Le mois ${month} n’est pas terminé : ses relevés s’établissent à partir du 1er du mois suivant` }])
  return inTransaction(ctx, async (tx) => {
    const consignors = await sql<Consignor>`
      select a.producer_id, p.code, p.trade_name, a.commission_bp, a.payment_terms_type, a.payment_terms_days
        from (select distinct on (producer_id) * from producer_agreements where valid_from <= ${end}::date order by producer_id, valid_from desc) a
        join producers p on p.id = a.producer_id
       where a.model = 'CONSIGNMENT' order by p.trade_name`.execute(tx.db)
    const result: IssueResult = { issued: [], alreadyIssued: [], nothingSold: [] }
    const db = payablesDb(tx.db)
    // set-based: the month's existing statements, sales and refunds of every consignor in three queries
    const ids = consignors.rows.map((c) => c.producer_id)
    const existing = ids.length ? await db.selectFrom('consignment_statements').select(['producer_id', 'number']).where('producer_id', 'in', ids).where('period_start', '=', start).execute() : []
    const issuedNumber = new Map(existing.map((e) => [e.producer_id, e.number]))
    const open = consignors.rows.filter((c) => !issuedNumber.has(c.producer_id)).map((c) => c.producer_id)
    const sales = await consignmentSales(tx, open, start, end)
    const refunds = await consignmentRefunds(tx, open, start, end, new Set(sales.map((l) => l.orderLineId)))
    const byProducer = (lines: SettledLine[]) => {
      const m = new Map<string, SettledLine[]>()
      for (const l of lines) {
        const list = m.get(l.producerId)
        if (list) list.push(l)
        else m.set(l.producerId, [l])
      }
      return m
    }
    const salesOf = byProducer(sales)
    const refundsOf = byProducer(refunds)
    const statements: { row: StatementRow; lines: SettledLine[]; refunds: number }[] = []
    for (const c of consignors.rows) {
      const number = issuedNumber.get(c.producer_id)
      if (number) {
        result.alreadyIssued.push(`${c.trade_name} (${number})`)
        continue
      }
      const sold = salesOf.get(c.producer_id) ?? []
      const given = refundsOf.get(c.producer_id) ?? []
      const lines = [...sold, ...given]
      if (!lines.length) {
        result.nothingSold.push(c.trade_name)
        continue
      }
      const units = sold.reduce((s, l) => s + l.quantity, 0)
      const salesNet = lines.reduce((s, l) => s + l.net, 0)
      const commissionBp = c.commission_bp ?? 0
      const commissionNet = divRound(salesNet * commissionBp, 10_000)
      const commissionVat = divRound(commissionNet * COMMISSION_VAT_BP, 10_000)
      const amountOwed = salesNet - commissionNet - commissionVat
      const row: StatementRow = {
        id: newId('cst'), number: `RV-${month}-${c.code}`, producer_id: c.producer_id, period_start: start, period_end: end, units, sales_net: salesNet, commission_bp: commissionBp,
        commission_net: commissionNet, commission_vat: commissionVat, amount_owed: amountOwed,
        due_on: dueDate({ paymentTermsType: c.payment_terms_type, paymentTermsDays: c.payment_terms_days }, end, end),
        status: 'issued' as const, issued_at: ctx.now, created_by: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null,
      }
      statements.push({ row, lines, refunds: given.length })
      result.issued.push({ statementId: row.id, number: row.number, producerName: c.trade_name, units, salesNet, amountOwed })
    }
    if (statements.length) {
      try {
        await db.insertInto('consignment_statements').values(statements.map((s) => s.row)).execute()
      } catch (err) {
        const constraint = (err as { constraint?: string }).constraint ?? ''
        if (constraint.startsWith('consignment_statements_') || constraint === 'consignment_statement_lines_once') throw new AppError('CONFLICT', `Les relevés de ${month} viennent d’être établis par quelqu’un d’autre : rechargez la page.`)
        throw err
      }
      await db.insertInto('consignment_statement_lines').values(statements.flatMap((s) => s.lines.map((l) => ({
        statement_id: s.row.id, order_line_id: l.orderLineId, order_number: l.orderNumber, variant_id: l.variantId, sku: l.sku, sold_on: l.soldOn, quantity: l.quantity, net: l.net,
      })))).execute()
      // one audit entry per statement (the audit module writes entries one by one)
      for (const s of statements) await recordAudit(tx, { action: 'payables.statement_issued', entityType: 'consignment_statement', entityId: s.row.id, before: null, after: { ...s.row, lines: s.lines.length, refunds: s.refunds } })
    }
    if (!result.issued.length && result.alreadyIssued.length) {
      throw new AppError('CONFLICT', `Les relevés de ${month} sont déjà établis : ${result.alreadyIssued.join(', ')}.`)
    }
    return result
  })
}
