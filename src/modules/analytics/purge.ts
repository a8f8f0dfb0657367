import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/**
 * Retention of the audience-measurement exemption: raw events and sessions 25 months, first-touch
 * records of visitors 13 months (the life of their cookie), past days' salts deleted at once.
 * Daily roll-ups hold no visitor and are kept. Only events already rolled up are purged.
 */
export async function purgeAnalytics(ctx: Ctx): Promise<void> {
  const now = ctx.now.toISOString()
  // by insert time (indexed; at most minutes after the event)
  await sql`DELETE FROM events WHERE inserted_at < ${now}::timestamptz - interval '25 months'
             AND id <= (SELECT last_event_id FROM analytics_rollup_state WHERE id = 1)`.execute(ctx.db)
  await sql`DELETE FROM analytics_sessions WHERE day < (${now}::timestamptz - interval '25 months')::date`.execute(ctx.db)
  await sql`DELETE FROM analytics_visitors WHERE first_seen_at < ${now}::timestamptz - interval '13 months'`.execute(ctx.db)
  await sql`DELETE FROM analytics_salts WHERE day < (${now}::timestamptz AT TIME ZONE 'UTC')::date`.execute(ctx.db)
}
