import type { Ctx } from '../../kernel/ctx.ts'
import { DAY_MS } from './sessions.ts'
import { customersDb } from './tables.ts'

/** Deletes expired sessions and reset links (a periodic job; expired rows are already refused). */
export async function purgeExpiredSessions(ctx: Ctx): Promise<number> {
  const db = customersDb(ctx.db)
  const sessions = await db.deleteFrom('customer_sessions').where('expires_at', '<=', ctx.now).executeTakeFirst()
  await db.deleteFrom('password_resets').where('expires_at', '<=', new Date(ctx.now.getTime() - DAY_MS)).execute()
  await db.deleteFrom('sign_in_attempts').where('attempted_at', '<=', new Date(ctx.now.getTime() - DAY_MS)).execute()
  return Number(sessions.numDeletedRows)
}
