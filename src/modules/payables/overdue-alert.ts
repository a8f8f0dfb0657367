import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { defineJob, type JobDefinition } from '../../kernel/jobs.ts'
import { queueEmail } from '../notifications/index.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { overdueInvoices } from './payables-schedule.ts'

export const PAYABLES_OVERDUE_ALERT_JOB = 'payables.overdue-alert'
export const PAYABLES_OVERDUE_ALERT_EVERY_SECONDS = 24 * 3600

/** Who is told: active members with the finance role. */
async function financeEmails(ctx: Ctx): Promise<string[]> {
  const r = await sql<{ email: string }>`
    select distinct u.email from staff_users u join staff_roles sr on sr.staff_id = u.id
     where sr.role = 'finance' and u.active order by u.email`.execute(ctx.db)
  return r.rows.map((x) => x.email)
}

/**
 * Queues today's overdue alert to each finance member: one e-mail per member per day (dedupe key
 * with the day), listing the open invoices past due. Nothing overdue, nobody in finance: no e-mail.
 */
export async function sendOverdueAlert(ctx: Ctx, publicUrl: string): Promise<{ queued: number; overdue: number }> {
  const day = isoDay(ctx.now)
  return inTransaction(ctx, async (tx) => {
    const [count] = (await sql<{ n: number; left_to_pay: number }>`
      select count(*) as n, coalesce(sum(total_gross - amount_paid), 0) as left_to_pay from supplier_invoices
       where status in ('received', 'disputed', 'approved') and due_on < ${day}::date`.execute(tx.db)).rows
    const n = Number(count?.n ?? 0)
    if (n === 0) return { queued: 0, overdue: 0 }
    const list = await overdueInvoices(tx, 50)
    let queued = 0
    for (const to of await financeEmails(tx)) {
      const r = await queueEmail(tx, {
        to, locale: 'fr', template: 'payables-overdue', dedupeKey: `payables-overdue:${day}:${to.toLowerCase()}`,
        data: {
          day, count: n, totalLeft: Number(count!.left_to_pay), scheduleUrl: `${publicUrl}/admin/fournisseurs/echeancier`,
          invoices: list.map((i) => ({ producer: i.producerName, invoiceNumber: i.invoiceNumber, dueOn: i.dueOn, daysLate: i.daysLate, left: i.left })),
        },
      })
      if (r.queued) queued++
    }
    return { queued, overdue: n }
  })
}

/** The jobs of the payables module: `payables.overdue-alert` v1 {} (daily). */
export const payablesJobs = (opts: { publicUrl: string }): JobDefinition<never>[] => [
  defineJob({
    name: PAYABLES_OVERDUE_ALERT_JOB,
    payload: z.object({}).passthrough(),
    handler: async (ctx) => {
      await sendOverdueAlert(ctx, opts.publicUrl)
    },
  }) as unknown as JobDefinition<never>,
]
