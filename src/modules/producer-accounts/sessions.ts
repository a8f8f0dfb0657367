import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { hashToken, isWellFormedToken, newSecretToken } from '../../kernel/tokens.ts'
import { producerAccountsDb } from './tables.ts'
import type { ProducerSession } from './types.ts'

/** A portal session lasts 12 hours at most and ends after 2 idle hours (as the back office's). */
export const PRODUCER_SESSION_MS = 12 * 3600_000
export const PRODUCER_IDLE_MS = 2 * 3600_000
/** last_seen_at is written at most once a minute per session */
const TOUCH_MS = 60_000

/** Opens a session carrying the account's producer (the scope of every portal query). */
export async function openProducerSession(ctx: Ctx, input: { producerUserId: string; producerId: string }): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newSecretToken()
  const expiresAt = new Date(ctx.now.getTime() + PRODUCER_SESSION_MS)
  await producerAccountsDb(ctx.db)
    .insertInto('producer_sessions')
    .values({ id: newId('prs'), producer_user_id: input.producerUserId, producer_id: input.producerId, token_hash: hash, created_at: ctx.now, last_seen_at: ctx.now, expires_at: expiresAt })
    .execute()
  return { token, expiresAt }
}

/**
 * The account behind a portal cookie, or null: unknown token, expired, idle too long, account
 * deactivated. The producer comes from the session row, never from the request.
 */
export async function resolveProducerSession(ctx: Ctx, input: { token: string }): Promise<ProducerSession | null> {
  if (!isWellFormedToken(input.token)) return null
  const db = producerAccountsDb(ctx.db)
  const row = await db
    .selectFrom('producer_sessions as s')
    .innerJoin('producer_users as u', 'u.id', 's.producer_user_id')
    .innerJoin('producers as p', 'p.id', 's.producer_id')
    .select(['s.id as session_id', 's.last_seen_at', 'u.id as user_id', 'u.email', 'u.name', 'p.id as producer_id', 'p.code', 'p.trade_name'])
    .where('s.token_hash', '=', hashToken(input.token))
    .where('s.expires_at', '>', ctx.now)
    .where('s.last_seen_at', '>', new Date(ctx.now.getTime() - PRODUCER_IDLE_MS))
    .where('u.active', '=', true)
    .whereRef('u.producer_id', '=', 's.producer_id')
    .executeTakeFirst()
  if (!row) return null
  if (ctx.now.getTime() - row.last_seen_at.getTime() > TOUCH_MS) await db.updateTable('producer_sessions').set({ last_seen_at: ctx.now }).where('id', '=', row.session_id).execute()
  return { sessionId: row.session_id, user: { id: row.user_id, email: row.email, name: row.name }, producer: { id: row.producer_id, code: row.code, name: row.trade_name } }
}

/** Ends a session (sign-out). */
export async function closeProducerSession(ctx: Ctx, input: { token: string }): Promise<void> {
  if (!isWellFormedToken(input.token)) return
  await producerAccountsDb(ctx.db).deleteFrom('producer_sessions').where('token_hash', '=', hashToken(input.token)).execute()
}

/** Deletes expired sessions and sign-in failures older than an hour (recurring job). */
export async function purgeProducerSessions(ctx: Ctx): Promise<void> {
  const db = producerAccountsDb(ctx.db)
  await db.deleteFrom('producer_sessions').where('expires_at', '<=', ctx.now).execute()
  await db.deleteFrom('producer_sign_in_failures').where('failed_at', '<=', new Date(ctx.now.getTime() - 3600_000)).execute()
}
