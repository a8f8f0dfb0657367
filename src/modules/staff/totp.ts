import { Secret, TOTP } from 'otpauth'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { openSecret, sealSecret } from '../../kernel/seal.ts'
import { hashToken, isWellFormedToken } from '../../kernel/tokens.ts'
import { recordAudit } from '../audit/index.ts'
import { admitAttempt, forgetFailures, lock } from './sign-in-staff.ts'
import { staffDb } from './tables.ts'

/** RFC 6238 as authenticator apps use it: SHA-1, 6 digits, 30-second steps, ±1 step of clock drift. */
const PERIOD = 30
const PURPOSE = 'staff-totp'
const totpOf = (secretBase32: string, label: string) => new TOTP({ issuer: 'Lakou', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) })

/** The time step a code matches (null: wrong code), now ±1 step. */
function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpOf(secretBase32, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 })
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta
}

/**
 * Starts the second factor: a new secret is sealed and kept pending until a first code proves
 * the app has it (confirmTotp). Returns the otpauth:// URI the page shows as a QR code.
 */
export async function startTotpEnrollment(ctx: Ctx, input: { staffId: string; appSecret: string }): Promise<{ secret: string; uri: string }> {
  const db = staffDb(ctx.db)
  const user = await db.selectFrom('staff_users').select(['email', 'totp_enabled']).where('id', '=', input.staffId).executeTakeFirst()
  if (!user) throw new AppError('NOT_FOUND', 'Ce membre de l’équipe n’existe pas.')
  if (user.totp_enabled) throw new AppError('CONFLICT', 'La double authentification est déjà active.')
  const secret = new Secret({ size: 20 }).base32
  await db.updateTable('staff_users').set({ totp_sealed: sealSecret(input.appSecret, PURPOSE, secret), updated_at: ctx.now }).where('id', '=', input.staffId).execute()
  return { secret, uri: totpOf(secret, user.email).toString() }
}

/** Turns the second factor on once the member types a valid code from the new secret. */
export async function confirmTotp(ctx: Ctx, input: { staffId: string; appSecret: string; code: string }): Promise<void> {
  const db = staffDb(ctx.db)
  const user = await db.selectFrom('staff_users').select(['totp_sealed', 'totp_enabled']).where('id', '=', input.staffId).executeTakeFirst()
  const secret = user?.totp_sealed ? openSecret(input.appSecret, PURPOSE, user.totp_sealed) : null
  if (!user || user.totp_enabled || !secret) throw new AppError('CONFLICT', 'Recommencez l’activation de la double authentification.')
  const step = matchingStep(secret, input.code.trim(), ctx.now)
  if (step === null) throw new AppError('STAFF_TOTP_INVALID', 'Code incorrect : saisissez le code à 6 chiffres affiché par l’application.')
  await db.updateTable('staff_users').set({ totp_enabled: true, totp_last_step: step, updated_at: ctx.now }).where('id', '=', input.staffId).execute()
  await recordAudit(ctx, { action: 'staff.totp_enabled', entityType: 'staff', entityId: input.staffId, before: { totp: false }, after: { totp: true } })
}

/** An administrator turns a member's second factor off (lost phone); the member enrols again. */
export async function resetTotp(ctx: Ctx, input: { staffId: string }): Promise<void> {
  await staffDb(ctx.db).updateTable('staff_users').set({ totp_enabled: false, totp_sealed: null, totp_last_step: null, updated_at: ctx.now }).where('id', '=', input.staffId).execute()
  await recordAudit(ctx, { action: 'staff.totp_reset', entityType: 'staff', entityId: input.staffId, before: { totp: true }, after: { totp: false } })
}

export type TotpCheck = { ok: true } | { ok: false; code: 'STAFF_TOTP_INVALID' | 'STAFF_LOCKED' }

/**
 * The second step of a sign-in: a valid code marks the session as passed. A code is accepted
 * once (its time step is remembered), and wrong codes count towards the lockout like wrong
 * passwords: 5 in 15 minutes lock the account and end the half-open session.
 */
export async function passTotp(ctx: Ctx, input: { token: string; code: string; appSecret: string; ip: string }): Promise<TotpCheck> {
  if (!isWellFormedToken(input.token)) return { ok: false, code: 'STAFF_TOTP_INVALID' }
  const db = staffDb(ctx.db)
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.staff_id')
    .select(['s.id as session_id', 'u.id', 'u.email', 'u.totp_sealed', 'u.totp_last_step', 'u.locked_until'])
    .where('s.token_hash', '=', hashToken(input.token))
    .where('s.expires_at', '>', ctx.now)
    .executeTakeFirst()
  if (!row) return { ok: false, code: 'STAFF_TOTP_INVALID' }
  if (row.locked_until && row.locked_until > ctx.now) return { ok: false, code: 'STAFF_LOCKED' }
  const key = row.email.toLowerCase()
  const admitted = await admitAttempt(ctx, key, input.ip)
  if (!admitted.ok) {
    await lock(ctx, row.id)
    await db.deleteFrom('staff_sessions').where('id', '=', row.session_id).execute()
    return { ok: false, code: 'STAFF_LOCKED' }
  }
  const secret = row.totp_sealed ? openSecret(input.appSecret, PURPOSE, row.totp_sealed) : null
  const step = secret ? matchingStep(secret, input.code.trim(), ctx.now) : null
  if (step === null || (row.totp_last_step !== null && step <= Number(row.totp_last_step))) return { ok: false, code: 'STAFF_TOTP_INVALID' }
  // the guarded UPDATE makes a code usable once even when two requests race with it
  const used = await db
    .updateTable('staff_users')
    .set({ totp_last_step: step })
    .where('id', '=', row.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) !== 1) return { ok: false, code: 'STAFF_TOTP_INVALID' }
  await db.updateTable('staff_sessions').set({ totp_passed: true, last_seen_at: ctx.now }).where('id', '=', row.session_id).execute()
  await forgetFailures(ctx, key)
  return { ok: true }
}

/** The current code of a secret (tests and the CLI's enrolment check). */
export const totpCodeAt = (secretBase32: string, at: Date): string => totpOf(secretBase32, 'x').generate({ timestamp: at.getTime() })

/** The secret being enrolled (not yet confirmed), to show its QR code again after a wrong code. */
export async function pendingTotp(ctx: Ctx, input: { staffId: string; appSecret: string }): Promise<{ secret: string; uri: string } | null> {
  const user = await staffDb(ctx.db).selectFrom('staff_users').select(['email', 'totp_sealed', 'totp_enabled']).where('id', '=', input.staffId).executeTakeFirst()
  if (!user || user.totp_enabled || !user.totp_sealed) return null
  const secret = openSecret(input.appSecret, PURPOSE, user.totp_sealed)
  return secret ? { secret, uri: totpOf(secret, user.email).toString() } : null
}
