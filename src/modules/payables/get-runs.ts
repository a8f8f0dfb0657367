import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'

export type RunSummary = { id: string; number: string; payOn: string; status: 'draft' | 'executed' | 'cancelled'; total: number; invoices: number; executedAt: Date | null }
/** `iban`, `bic`, `holder`: the producer's bank account now (migration 0024), null when it has none */
export type RunInvoice = { invoiceId: string; producerId: string; producerName: string; invoiceNumber: string; dueOn: string; proposed: number; paid: number | null; iban: string | null; bic: string | null; holder: string | null }
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
  const lines = await sql<{ id: string; producer_id: string; trade_name: string; invoice_number: string; due_on: Date; amount_proposed: number; paid: number | null; iban: string | null; bic: string | null; bank_account_holder: string | null }>`
    select i.id, i.producer_id, p.trade_name, i.invoice_number, i.due_on, ri.amount_proposed, sp.amount as paid, p.iban, p.bic, p.bank_account_holder
      from payment_run_invoices ri
      join supplier_invoices i on i.id = ri.supplier_invoice_id
      join producers p on p.id = i.producer_id
      left join supplier_payments sp on sp.payment_run_id = ri.payment_run_id and sp.supplier_invoice_id = ri.supplier_invoice_id
     where ri.payment_run_id = ${run.id}
     order by p.trade_name, i.due_on, i.invoice_number`.execute(ctx.db)
  return {
    id: run.id, number: run.number, payOn: isoDay(run.pay_on), status: run.status, total: Number(run.total), executedAt: run.executed_at, invoices: lines.rows.length,
    lines: lines.rows.map((l) => ({ invoiceId: l.id, producerId: l.producer_id, producerName: l.trade_name, invoiceNumber: l.invoice_number, dueOn: isoDay(l.due_on), proposed: Number(l.amount_proposed), paid: l.paid == null ? null : Number(l.paid), iban: l.iban, bic: l.bic, holder: l.bank_account_holder })),
  }
}

export type RunTransfer = { producer: string; holder: string; iban: string; bic: string; amount: number; invoiceNumbers: string[] }

/** The producers of a run's transfers that have no IBAN yet (the bank file cannot pay them). */
export function producersWithoutIban(run: RunDetail): string[] {
  return [...new Set(run.lines.filter((l) => lineAmount(run, l) > 0 && !l.iban).map((l) => l.producerName))].sort()
}

/** Refuses (CONFLICT) a run with a transfer to a producer without IBAN, naming them. */
export function assertRunPayable(run: Pick<RunDetail, 'number'>, missing: readonly string[], doing: string): void {
  if (missing.length) throw new AppError('CONFLICT', `Impossible ${doing} la campagne ${run.number} : pas d’IBAN pour ${missing.join(', ')}. Saisissez leurs coordonnées bancaires (fiche producteur, « Coordonnées bancaires ») ; rien n’a été fait.`)
}

const lineAmount = (run: RunDetail, l: RunInvoice) => (run.status === 'executed' ? (l.paid ?? 0) : l.proposed)

/**
 * One transfer per producer for the bank: the amounts paid (executed run) or proposed (draft),
 * with the producer's account and the invoice numbers as the remittance information. Refused
 * (CONFLICT) when a producer to pay has no IBAN.
 */
export function runTransfers(run: RunDetail): RunTransfer[] {
  assertRunPayable(run, producersWithoutIban(run), 'd’exporter')
  const by = new Map<string, RunTransfer>()
  for (const l of run.lines) {
    const amount = lineAmount(run, l)
    if (amount <= 0) continue
    const t = by.get(l.producerId) ?? { producer: l.producerName, holder: l.holder ?? l.producerName, iban: l.iban ?? '', bic: l.bic ?? '', amount: 0, invoiceNumbers: [] }
    t.amount += amount
    t.invoiceNumbers.push(l.invoiceNumber)
    by.set(l.producerId, t)
  }
  return [...by.values()]
}
