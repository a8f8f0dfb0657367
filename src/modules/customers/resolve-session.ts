import type { Ctx } from '../../kernel/ctx.ts'
import { DAY_MS, SESSION_MS } from './sessions.ts'
import { customersDb } from './tables.ts'
import { hashToken, isWellFormedToken } from '../../kernel/tokens.ts'

export type ResolvedSession = {
  customerId: string
  expiresAt: Date
  /** the expiry moved: the cookie must be sent again with the new lifetime */
  extended: boolean
}

/**
 * The customer behind a session cookie, or null when the token is unknown or expired.
 * One indexed read per request; the expiry is pushed back to 30 days only when it is more than
 * a day old, so a busy session writes once a day, not on every page.
 */
export async function resolveSession(ctx: Ctx, input: { token: string }): Promise<ResolvedSession | null> {
  if (!isWellFormedToken(input.token)) return null
  const db = customersDb(ctx.db)
  const row = await db
    .selectFrom('customer_sessions')
    .select(['id', 'customer_id', 'expires_at'])
    .where('token_hash', '=', hashToken(input.token))
    .where('expires_at', '>', ctx.now)
    .executeTakeFirst()
  if (!row) return null
  const target = new Date(ctx.now.getTime() + SESSION_MS)
  if (target.getTime() - row.expires_at.getTime() < DAY_MS) return { customerId: row.customer_id, expiresAt: row.expires_at, extended: false }
  await db.updateTable('customer_sessions').set({ expires_at: target }).where('id', '=', row.id).execute()
  return { customerId: row.customer_id, expiresAt: target, extended: true }
}
