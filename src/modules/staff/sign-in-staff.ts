import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { spendVerificationTime, verifyPassword } from '../../kernel/password.ts'
import { emailKey } from '../../kernel/tokens.ts'
import { openStaffSession } from './sessions.ts'
import { staffDb } from './tables.ts'

/**
 * Brute force: 5 wrong passwords or codes for one e-mail within 15 minutes lock the account for
 * 15 minutes (the owner is told on the sign-in page); 30 failures from one address within 15
 * minutes refuse that address for the rest of the window. Counted in the database, so the limits
 * hold across processes.
 */
export const STAFF_LOCKOUT = { windowMinutes: 15, maxPerEmail: 5, maxPerIp: 30, lockMinutes: 15 } as const

export type StaffSignInResult =
  | { ok: true; token: string; expiresAt: Date; needsTotp: boolean }
  | { ok: false; code: 'STAFF_INVALID_CREDENTIALS' }
  | { ok: false; code: 'STAFF_LOCKED'; retryAfterSeconds: number }

/**
 * Signs a member in. The attempt is written as a failure BEFORE the password check and deleted
 * on success, so of N concurrent guesses at most the limit reach the check. The argon2id check
 * runs outside any transaction. A new session is opened at every sign-in.
 */
export async function signInStaff(ctx: Ctx, input: { email: string; password: string; ip: string }): Promise<StaffSignInResult> {
  const key = emailKey(input.email).slice(0, 254)
  const db = staffDb(ctx.db)
  const user = await db.selectFrom('staff_users').select(['id', 'password_hash', 'active', 'locked_until', 'totp_enabled']).where(sql<string>`lower(email)`, '=', key).executeTakeFirst()
  if (user?.locked_until && user.locked_until > ctx.now) return locked(ctx, user.locked_until)
  const admitted = await admitAttempt(ctx, key, input.ip)
  if (!admitted.ok) {
    if (user && admitted.scope === 'email') await lock(ctx, user.id)
    return { ok: false, code: 'STAFF_LOCKED', retryAfterSeconds: STAFF_LOCKOUT.lockMinutes * 60 }
  }
  if (!user || !user.active) {
    await spendVerificationTime(input.password)
    return { ok: false, code: 'STAFF_INVALID_CREDENTIALS' }
  }
  if (!(await verifyPassword(user.password_hash, input.password))) return { ok: false, code: 'STAFF_INVALID_CREDENTIALS' }
  await forgetFailures(ctx, key)
  const session = await openStaffSession(ctx, { staffId: user.id, totpPassed: !user.totp_enabled })
  return { ok: true, ...session, needsTotp: user.totp_enabled }
}

const locked = (ctx: Ctx, until: Date): StaffSignInResult => ({ ok: false, code: 'STAFF_LOCKED', retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - ctx.now.getTime()) / 1000)) })

/** Records a presumed failure and says whether it is within the limits (refused ones are not kept). */
export async function admitAttempt(ctx: Ctx, key: string, ip: string): Promise<{ ok: true } | { ok: false; scope: 'email' | 'ip' }> {
  const db = staffDb(ctx.db)
  const since = new Date(ctx.now.getTime() - STAFF_LOCKOUT.windowMinutes * 60_000)
  const row = await db.insertInto('staff_sign_in_failures').values({ email_key: key, ip, failed_at: ctx.now }).returning('id').executeTakeFirstOrThrow()
  const c = await db
    .selectFrom('staff_sign_in_failures')
    .select([sql<string>`count(*) FILTER (WHERE email_key = ${key})`.as('email'), sql<string>`count(*) FILTER (WHERE ip = ${ip})`.as('ip')])
    .where((eb) => eb.or([eb('email_key', '=', key), eb('ip', '=', ip)]))
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow()
  const scope = Number(c.email) > STAFF_LOCKOUT.maxPerEmail ? 'email' : Number(c.ip) > STAFF_LOCKOUT.maxPerIp ? 'ip' : null
  if (!scope) return { ok: true }
  await db.deleteFrom('staff_sign_in_failures').where('id', '=', row.id).execute()
  return { ok: false, scope }
}

export async function lock(ctx: Ctx, staffId: string): Promise<void> {
  await staffDb(ctx.db).updateTable('staff_users').set({ locked_until: new Date(ctx.now.getTime() + STAFF_LOCKOUT.lockMinutes * 60_000) }).where('id', '=', staffId).execute()
}

export async function forgetFailures(ctx: Ctx, key: string): Promise<void> {
  await staffDb(ctx.db).deleteFrom('staff_sign_in_failures').where('email_key', '=', key).execute()
}
