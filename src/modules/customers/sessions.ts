import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { customersDb } from './tables.ts'
import { hashToken, isWellFormedToken, newSecretToken } from '../../kernel/tokens.ts'
import type { NewSession } from './types.ts'

/** Sessions last 30 days after their last use (sliding expiry). */
export const SESSION_DAYS = 30
export const DAY_MS = 24 * 3600 * 1000
export const SESSION_MS = SESSION_DAYS * DAY_MS

/**
 * Opens a new session for a customer. `replacing` is the token of the browser's previous
 * session, deleted in the same transaction: every sign-in rotates the session (no fixation).
 */
export async function createSession(ctx: Ctx, customerId: string, replacing?: string | undefined): Promise<NewSession> {
  const db = customersDb(ctx.db)
  if (isWellFormedToken(replacing)) await db.deleteFrom('customer_sessions').where('token_hash', '=', hashToken(replacing)).execute()
  const { token, hash } = newSecretToken()
  const expiresAt = new Date(ctx.now.getTime() + SESSION_MS)
  await db.insertInto('customer_sessions').values({ id: newId('ses'), customer_id: customerId, token_hash: hash, created_at: ctx.now, expires_at: expiresAt }).execute()
  return { token, expiresAt }
}
