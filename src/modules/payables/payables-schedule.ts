import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { addDays } from './due-date.ts'

export const ScheduleInput = z.object({
  producerId: z.preprocess((s) => (s === '' ? undefined : s), z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/, 'Choisissez un producteur de la liste').optional()),
  /** days ahead of today (overdue invoices are always shown) */
  horizonDays: z.preprocess((s) => (s === '' || s === undefined ? 90 : s), z.coerce.number({ error: 'L’horizon : un nombre de jours' }).int('L’horizon : un nombre entier de jours').min(0, 'L’horizon : 0 jour au moins').max(730, 'L’horizon : 730 jours au plus')),
})
export type ScheduleInput = z.input<typeof ScheduleInput>

export type ScheduleProducer = { producerId: string; producerName: string; invoices: number; gross: number; paid: number; left: number; firstDue: string; maxDaysLate: number }
/** weekStart null: the overdue group (every open invoice due before today) */
export type ScheduleWeek = { weekStart: string | null; overdue: boolean; invoices: number; left: number; producers: ScheduleProducer[] }
export type PayablesSchedule = { today: string; horizonEnd: string; weeks: ScheduleWeek[]; totalLeft: number; overdueCount: number; overdueLeft: number }

/**
 * The payables schedule: open invoices (received, disputed, approved) due up to the horizon,
 * grouped by due week (Monday) with overdue ones first, per producer subtotals of what is left
 * to pay. ONE aggregate query over supplier_invoices_due_idx (its WHERE repeats the partial
 * index's predicate so the planner may use it); producers are joined after grouping.
 */
export async function payablesSchedule(ctx: Ctx, raw: ScheduleInput): Promise<PayablesSchedule> {
  const f = ScheduleInput.parse(raw)
  const today = isoDay(ctx.now)
  const horizonEnd = addDays(today, f.horizonDays)
  const rows = await scheduleRows(ctx, today, horizonEnd, f.producerId ?? null)
  const weeks = new Map<string, ScheduleWeek>()
  for (const r of rows) {
    const key = r.week ? isoDay(r.week) : 'overdue'
    let w = weeks.get(key)
    if (!w) weeks.set(key, (w = { weekStart: r.week ? isoDay(r.week) : null, overdue: !r.week, invoices: 0, left: 0, producers: [] }))
    const p = { producerId: r.producer_id, producerName: r.trade_name, invoices: Number(r.invoices), gross: Number(r.gross), paid: Number(r.paid), left: Number(r.left_to_pay), firstDue: isoDay(r.first_due), maxDaysLate: Number(r.max_days_late) }
    w.producers.push(p)
    w.invoices += p.invoices
    w.left += p.left
  }
  const list = [...weeks.values()]
  const overdue = list.find((w) => w.overdue)
  return { today, horizonEnd, weeks: list, totalLeft: list.reduce((s, w) => s + w.left, 0), overdueCount: overdue?.invoices ?? 0, overdueLeft: overdue?.left ?? 0 }
}

type Row = { week: Date | null; producer_id: string; trade_name: string; invoices: number; gross: number; paid: number; left_to_pay: number; first_due: Date; max_days_late: number }

/** The schedule query itself (exported for the benchmark). */
export async function scheduleRows(ctx: Ctx, today: string, horizonEnd: string, producerId: string | null): Promise<Row[]> {
  // Monday of the due week in date arithmetic (date_trunc would go through timestamptz and the session zone).
  const r = await sql<Row>`
    with g as (
      select case when i.due_on < ${today}::date then null else i.due_on - (extract(isodow from i.due_on)::int - 1) end as week,
             i.producer_id, count(*) as invoices, sum(i.total_gross) as gross, sum(i.amount_paid) as paid,
             sum(i.total_gross - i.amount_paid) as left_to_pay, min(i.due_on) as first_due,
             greatest(max(${today}::date - i.due_on), 0) as max_days_late
        from supplier_invoices i
       where i.status in ('received', 'disputed', 'approved') and i.due_on <= ${horizonEnd}::date
         ${producerId ? sql`and i.producer_id = ${producerId}` : sql``}
       group by 1, 2)
    select g.*, p.trade_name from g join producers p on p.id = g.producer_id
     order by g.week nulls first, p.trade_name`.execute(ctx.db)
  return r.rows
}

export type OverdueInvoice = { id: string; producerName: string; invoiceNumber: string; dueOn: string; daysLate: number; left: number }

/** Open invoices past their due date, most late first (the alert list), at most `limit`. */
export async function overdueInvoices(ctx: Ctx, limit = 100, producerId: string | null = null): Promise<OverdueInvoice[]> {
  const today = isoDay(ctx.now)
  const r = await sql<{ id: string; trade_name: string; invoice_number: string; due_on: Date; days_late: number; left_to_pay: number }>`
    select i.id, p.trade_name, i.invoice_number, i.due_on, ${today}::date - i.due_on as days_late, i.total_gross - i.amount_paid as left_to_pay
      from supplier_invoices i join producers p on p.id = i.producer_id
     where i.status in ('received', 'disputed', 'approved') and i.due_on < ${today}::date
       and (${producerId}::text is null or i.producer_id = ${producerId})
     order by i.due_on, i.id limit ${limit}`.execute(ctx.db)
  return r.rows.map((x) => ({ id: x.id, producerName: x.trade_name, invoiceNumber: x.invoice_number, dueOn: isoDay(x.due_on), daysLate: Number(x.days_late), left: Number(x.left_to_pay) }))
}
