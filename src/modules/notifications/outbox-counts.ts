import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/** E-mails by status (back-office home): failed ones need someone's attention. */
export async function outboxCounts(ctx: Ctx): Promise<{ queued: number; sent: number; kept: number; failed: number }> {
  const r = await sql<{ status: string; n: string }>`SELECT status, count(*) AS n FROM email_outbox GROUP BY status`.execute(ctx.db)
  const by = Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]))
  return { queued: by.QUEUED ?? 0, sent: by.SENT ?? 0, kept: by.KEPT ?? 0, failed: by.FAILED ?? 0 }
}
