import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'

export type RunSummary = { id: string; number: string; payOn: string; status: 'draft' | 'executed' | 'cancelled'; total: number; invoices: number; executedAt: Date | null }
export type RunInvoice = { invoiceId: string; producerId: string; producerName: string; invoiceNumber: string; dueOn: string; proposed: number; paid: number | null }
export type RunDetail = RunSummary & { invoices: number; lines: RunInvoice[] }

/** The latest runs with their invoice counts (one grouped query). */
export async function listRuns(ctx: Ctx, limit = 100): Promise<RunSummary[]> {
  const r = await sql<{ id: string; number: string; pay_on: Date; status: RunSummary['status']; total: number; invoices: number; executed_at: Date | null }>`
    select r.id, r.number, r.pay_on, r.status, r.total, r.executed_at, (select count(*) from payment_run_invoices ri where ri.payment_run_id = r.id) as invoices
      from payment_runs r order by r.created_at desc limit ${limit}`.execute(ctx.db)
  return r.rows.map((x) => ({ id: x.id, number: x.number, payOn: isoDay(x.pay_on), status: x.status, total: Number(x.total), invoices: Number(x.invoices), executedAt: x.executed_at }))
}

/** One run with its invoices, what was proposed and what the execution paid; null when unknown. */
export async function getRun(ctx: Ctx, runId: string): Promise<RunDetail | null> {
  const head = await sql<{ id: string; number: string; pay_on: Date; status: RunSummary['status']; total: number; executed_at: Date | null }>`
    select id, number, pay_on, status, total, executed_at from payment_runs where id = ${runId}`.execute(ctx.db)
  const run = head.rows[0]
  if (!run) return null
  const lines = await sql<{ id: string; producer_id: string; trade_name: string; invoice_number: string; due_on: Date; amount_proposed: number; paid: number | null }>`
    select i.id, i.producer_id, p.trade_name, i.invoice_number, i.due_on, ri.amount_proposed, sp.amount as paid
      from payment_run_invoices ri
      join supplier_invoices i on i.id = ri.supplier_invoice_id
      join producers p on p.id = i.producer_id
      left join supplier_payments sp on sp.payment_run_id = ri.payment_run_id and sp.supplier_invoice_id = ri.supplier_invoice_id
     where ri.payment_run_id = ${run.id}
     order by p.trade_name, i.due_on, i.invoice_number`.execute(ctx.db)
  return {
    id: run.id, number: run.number, payOn: isoDay(run.pay_on), status: run.status, total: Number(run.total), executedAt: run.executed_at, invoices: lines.rows.length,
    lines: lines.rows.map((l) => ({ invoiceId: l.id, producerId: l.producer_id, producerName: l.trade_name, invoiceNumber: l.invoice_number, dueOn: isoDay(l.due_on), proposed: Number(l.amount_proposed), paid: l.paid == null ? null : Number(l.paid) })),
  }
}

export type RunTransfer = { producer: string; iban: string; amount: number; invoiceNumbers: string[] }

/**
 * One transfer per producer for the bank: the amounts paid (executed run) or proposed (draft),
 * with the invoice numbers as the remittance information. Producers' IBANs are not stored in
 * Lakou yet (no column in the schema): the column stays blank for the treasurer to fill in.
 */
export function runTransfers(run: RunDetail): RunTransfer[] {
  const by = new Map<string, RunTransfer>()
  for (const l of run.lines) {
    const amount = run.status === 'executed' ? (l.paid ?? 0) : l.proposed
    if (amount <= 0) continue
    const t = by.get(l.producerId) ?? { producer: l.producerName, iban: '', amount: 0, invoiceNumbers: [] }
    t.amount += amount
    t.invoiceNumbers.push(l.invoiceNumber)
    by.set(l.producerId, t)
  }
  return [...by.values()]
}
