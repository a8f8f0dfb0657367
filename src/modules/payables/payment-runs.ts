import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { addDays } from './due-date.ts'
import { assertRunPayable } from './get-runs.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { invalid, isoDate, parseInput } from './input.ts'
import { payablesDb } from './tables.ts'

export const ProposeRunInput = z.object({
  payOn: isoDate('La date de paiement'),
  withinDays: z.preprocess((s) => (s === '' || s == null ? 0 : s), z.coerce.number({ error: 'Un nombre de jours' }).int('Un nombre entier de jours').min(0, '0 jour au moins').max(90, '90 jours au plus')),
})
export type ProposeRunInput = z.input<typeof ProposeRunInput>

export type RunCandidate = { invoiceId: string; producerId: string; producerName: string; invoiceNumber: string; dueOn: string; status: string; matchStatus: string; left: number }

// Payable in a run: approved by a member, or received and matched to its order and receipts.
// An invoice already in another draft run is left out (it would be offered twice).
const eligible = sql`(i.status = 'approved' or (i.status = 'received' and i.match_status = 'matched')) and i.total_gross > i.amount_paid
  and not exists (select 1 from payment_run_invoices ri join payment_runs r on r.id = ri.payment_run_id where ri.supplier_invoice_id = i.id and r.status = 'draft')`

/** The invoices a run on `payOn` would pay: eligible ones due on or before it (+ withinDays), oldest due first. */
export async function proposeRun(ctx: Ctx, raw: ProposeRunInput): Promise<{ payOn: string; until: string; candidates: RunCandidate[] }> {
  const input = parseInput(ProposeRunInput, raw)
  const until = addDays(input.payOn, input.withinDays)
  const r = await sql<{ id: string; producer_id: string; trade_name: string; invoice_number: string; due_on: Date; status: string; match_status: string; left_to_pay: number }>`
    select i.id, i.producer_id, p.trade_name, i.invoice_number, i.due_on, i.status, i.match_status, i.total_gross - i.amount_paid as left_to_pay
      from supplier_invoices i join producers p on p.id = i.producer_id
     where i.due_on <= ${until}::date and ${eligible}
     order by i.due_on, p.trade_name, i.invoice_number limit 1000`.execute(ctx.db)
  return {
    payOn: input.payOn, until,
    candidates: r.rows.map((x) => ({ invoiceId: x.id, producerId: x.producer_id, producerName: x.trade_name, invoiceNumber: x.invoice_number, dueOn: isoDay(x.due_on), status: x.status, matchStatus: x.match_status, left: Number(x.left_to_pay) })),
  }
}

export const CreateRunInput = z.object({
  payOn: isoDate('La date de paiement'),
  invoiceIds: z.array(z.string().max(64)).min(1, 'Cochez au moins une facture').max(1000, '1000 factures au plus par campagne'),
})
export type CreateRunInput = z.input<typeof CreateRunInput>

/** A draft run with the ticked invoices, each for what is left on it now; refuses any invoice no longer payable. */
export async function createRun(ctx: Ctx, raw: CreateRunInput): Promise<{ runId: string; number: string; total: number }> {
  const input = parseInput(CreateRunInput, raw)
  if (input.payOn < isoDay(ctx.now)) invalid([{ path: 'payOn', message: 'La date de paiement ne peut pas être passée' }])
  const ids = [...new Set(input.invoiceIds)]
  return inTransaction(ctx, async (tx) => {
    const rows = await sql<{ id: string; left_to_pay: number }>`
      select i.id, i.total_gross - i.amount_paid as left_to_pay from supplier_invoices i
       where i.id = any(${ids}::text[]) and ${eligible} for update of i`.execute(tx.db)
    if (rows.rows.length !== ids.length) invalid([{ path: 'invoiceIds', message: 'Une facture cochée n’est plus à payer (payée, annulée, en litige ou déjà dans une autre campagne) : préparez la campagne à nouveau' }], 'CONFLICT')
    const seq = await sql<{ n: number }>`select nextval('payment_run_number_seq') as n`.execute(tx.db)
    const number = `VR-${String(seq.rows[0]!.n).padStart(6, '0')}`
    const runId = newId('prn')
    const total = rows.rows.reduce((s, r) => s + Number(r.left_to_pay), 0)
    const db = payablesDb(tx.db)
    await db.insertInto('payment_runs').values({ id: runId, number, pay_on: input.payOn, status: 'draft', total, created_by: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, created_at: ctx.now, executed_at: null, executed_by: null }).execute()
    await db.insertInto('payment_run_invoices').values(rows.rows.map((r) => ({ payment_run_id: runId, supplier_invoice_id: r.id, amount_proposed: Number(r.left_to_pay) }))).execute()
    await recordAudit(tx, { action: 'payables.run_prepared', entityType: 'payment_run', entityId: runId, before: null, after: { number, pay_on: input.payOn, total, invoices: ids } })
    return { runId, number, total }
  })
}

/**
 * Pays a draft run in ONE transaction: one supplier_payments row per invoice for what is left on
 * it now, amount_paid increased (the CHECK amount_paid <= total_gross refuses any overpayment),
 * status paid when fully paid, the run executed. The run row is locked first, so a double click
 * or a second tab waits, then sees `executed` and pays nothing: `{ alreadyExecuted: true }`.
 */
export async function executeRun(ctx: Ctx, runId: string): Promise<{ alreadyExecuted: boolean; paid: number; total: number }> {
  return inTransaction(ctx, async (tx) => {
    const db = payablesDb(tx.db)
    const run = await db.selectFrom('payment_runs').select(['id', 'number', 'status', 'pay_on', 'total']).where('id', '=', runId).forUpdate().executeTakeFirst()
    if (!run) throw new AppError('NOT_FOUND', 'Cette campagne de paiement n’existe pas.')
    if (run.status === 'executed') return { alreadyExecuted: true, paid: 0, total: Number(run.total) }
    if (run.status !== 'draft') throw new AppError('CONFLICT', `La campagne ${run.number} est annulée : elle ne peut pas être exécutée.`)
    const items = await sql<{ id: string; left_to_pay: number; status: string; trade_name: string; iban: string | null }>`
      select i.id, i.total_gross - i.amount_paid as left_to_pay, i.status, p.trade_name, p.iban
        from payment_run_invoices ri join supplier_invoices i on i.id = ri.supplier_invoice_id join producers p on p.id = i.producer_id
       where ri.payment_run_id = ${run.id} order by i.id for update of i`.execute(tx.db)
    const payable = items.rows.filter((i) => Number(i.left_to_pay) > 0 && ['received', 'approved'].includes(i.status))
    // a transfer without IBAN cannot leave: refuse the whole run before anything is paid
    assertRunPayable(run, [...new Set(payable.filter((i) => !i.iban).map((i) => i.trade_name))].sort(), 'd’exécuter')
    const payOn = isoDay(run.pay_on)
    const staffId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null
    if (payable.length) {
      await db.insertInto('supplier_payments').values(payable.map((i) => ({
        id: newId('spy'), supplier_invoice_id: i.id, payment_run_id: run.id, amount: Number(i.left_to_pay), paid_on: payOn, reference: run.number, created_by: staffId, created_at: ctx.now,
      }))).execute()
      // increments, so the CHECK amount_paid <= total_gross stays the judge of any overpayment
      await sql`update supplier_invoices i
                   set amount_paid = i.amount_paid + v.amount,
                       status = case when i.amount_paid + v.amount = i.total_gross then 'paid' else i.status end,
                       paid_at = case when i.amount_paid + v.amount = i.total_gross then ${ctx.now}::timestamptz else i.paid_at end,
                       updated_at = ${ctx.now}
                  from unnest(${payable.map((i) => i.id)}::text[], ${payable.map((i) => Number(i.left_to_pay))}::bigint[]) as v(id, amount)
                 where i.id = v.id`.execute(tx.db)
    }
    const total = payable.reduce((s, i) => s + Number(i.left_to_pay), 0)
    await db.updateTable('payment_runs').set({ status: 'executed', total, executed_at: ctx.now, executed_by: staffId }).where('id', '=', run.id).execute()
    await recordAudit(tx, { action: 'payables.run_executed', entityType: 'payment_run', entityId: run.id, before: { status: 'draft', total: Number(run.total) }, after: { status: 'executed', total, payments: payable.length } })
    return { alreadyExecuted: false, paid: payable.length, total }
  })
}
