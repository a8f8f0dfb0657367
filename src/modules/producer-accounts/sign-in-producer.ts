import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { spendVerificationTime, verifyPassword } from '../../kernel/password.ts'
import { emailKey } from '../../kernel/tokens.ts'
import { openProducerSession } from './sessions.ts'
import { producerAccountsDb } from './tables.ts'

/**
 * Brute force, as for the back office: 5 wrong passwords for one e-mail within 15 minutes lock
 * the account for 15 minutes; 30 failures from one address within 15 minutes refuse that address
 * for the rest of the window. Counted in the database, so the limits hold across processes.
 */
export const PRODUCER_LOCKOUT = { windowMinutes: 15, maxPerEmail: 5, maxPerIp: 30, lockMinutes: 15 } as const

export type ProducerSignInResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; code: 'INVALID_CREDENTIALS' }
  | { ok: false; code: 'LOCKED'; retryAfterSeconds: number }

/**
 * Signs a producer's staff member in. The attempt is written as a failure BEFORE the password
 * check and deleted on success, so of N concurrent guesses at most the limit reach the check.
 * A new session is opened at every sign-in (the caller closes the browser's previous one).
 */
export async function signInProducer(ctx: Ctx, input: { email: string; password: string; ip: string }): Promise<ProducerSignInResult> {
  const key = emailKey(input.email).slice(0, 254)
  const db = producerAccountsDb(ctx.db)
  const user = await db.selectFrom('producer_users').select(['id', 'producer_id', 'password_hash', 'active', 'locked_until']).where(sql<string>`lower(email)`, '=', key).executeTakeFirst()
  if (user?.locked_until && user.locked_until > ctx.now) {
    return { ok: false, code: 'LOCKED', retryAfterSeconds: Math.max(1, Math.ceil((user.locked_until.getTime() - ctx.now.getTime()) / 1000)) }
  }
  const admitted = await admitAttempt(ctx, key, input.ip)
  if (!admitted.ok) {
    if (user && admitted.scope === 'email') {
      await db.updateTable('producer_users').set({ locked_until: new Date(ctx.now.getTime() + PRODUCER_LOCKOUT.lockMinutes * 60_000) }).where('id', '=', user.id).execute()
    }
    return { ok: false, code: 'LOCKED', retryAfterSeconds: PRODUCER_LOCKOUT.lockMinutes * 60 }
  }
  if (!user || !user.active) {
    await spendVerificationTime(input.password)
    return { ok: false, code: 'INVALID_CREDENTIALS' }
  }
  if (!(await verifyPassword(user.password_hash, input.password))) return { ok: false, code: 'INVALID_CREDENTIALS' }
  await db.deleteFrom('producer_sign_in_failures').where('email_key', '=', key).execute()
  return { ok: true, ...(await openProducerSession(ctx, { producerUserId: user.id, producerId: user.producer_id })) }
}

/** Records a presumed failure and says whether it is within the limits (refused ones are not kept). */
async function admitAttempt(ctx: Ctx, key: string, ip: string): Promise<{ ok: true } | { ok: false; scope: 'email' | 'ip' }> {
  const db = producerAccountsDb(ctx.db)
  const since = new Date(ctx.now.getTime() - PRODUCER_LOCKOUT.windowMinutes * 60_000)
  const row = await db.insertInto('producer_sign_in_failures').values({ email_key: key, ip, failed_at: ctx.now }).returning('id').executeTakeFirstOrThrow()
  const c = await db
    .selectFrom('producer_sign_in_failures')
    .select([sql<string>`count(*) FILTER (WHERE email_key = ${key})`.as('email'), sql<string>`count(*) FILTER (WHERE ip = ${ip})`.as('ip')])
    .where((eb) => eb.or([eb('email_key', '=', key), eb('ip', '=', ip)]))
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow()
  const scope = Number(c.email) > PRODUCER_LOCKOUT.maxPerEmail ? 'email' : Number(c.ip) > PRODUCER_LOCKOUT.maxPerIp ? 'ip' : null
  if (!scope) return { ok: true }
  await db.deleteFrom('producer_sign_in_failures').where('id', '=', row.id).execute()
  return { ok: false, scope }
}
