import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { hashToken, isWellFormedToken, newSecretToken } from '../../kernel/tokens.ts'
import { isRole, type Role } from './permissions.ts'
import { staffDb } from './tables.ts'
import type { StaffSession } from './types.ts'

/** A back-office session lasts 12 hours at most and ends after 2 idle hours (a working day, a lunch break). */
export const STAFF_SESSION_MS = 12 * 3600_000
export const STAFF_IDLE_MS = 2 * 3600_000
/** last_seen_at is written at most once a minute per session */
const TOUCH_MS = 60_000

/** Opens a session; `totpPassed` is false for a member whose second factor is still to be checked. */
export async function openStaffSession(ctx: Ctx, input: { staffId: string; totpPassed: boolean }): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newSecretToken()
  const expiresAt = new Date(ctx.now.getTime() + STAFF_SESSION_MS)
  await staffDb(ctx.db)
    .insertInto('staff_sessions')
    .values({ id: newId('sts'), staff_id: input.staffId, token_hash: hash, totp_passed: input.totpPassed, created_at: ctx.now, last_seen_at: ctx.now, expires_at: expiresAt })
    .execute()
  return { token, expiresAt }
}

/**
 * The member behind a back-office cookie, or null: unknown token, expired, idle too long,
 * account deactivated. One indexed read with the roles; a write at most once a minute.
 */
export async function resolveStaffSession(ctx: Ctx, input: { token: string }): Promise<StaffSession | null> {
  if (!isWellFormedToken(input.token)) return null
  const db = staffDb(ctx.db)
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.staff_id')
    .select(['s.id as session_id', 's.totp_passed', 's.last_seen_at', 'u.id', 'u.email', 'u.name', 'u.totp_enabled'])
    .select((eb) => eb.fn.coalesce(eb.selectFrom('staff_roles as r').select((e) => e.fn.agg<string[]>('array_agg', ['r.role']).as('r')).whereRef('r.staff_id', '=', 'u.id'), eb.val<string[]>([])).as('roles'))
    .where('s.token_hash', '=', hashToken(input.token))
    .where('s.expires_at', '>', ctx.now)
    .where('s.last_seen_at', '>', new Date(ctx.now.getTime() - STAFF_IDLE_MS))
    .where('u.active', '=', true)
    .executeTakeFirst()
  if (!row) return null
  if (ctx.now.getTime() - row.last_seen_at.getTime() > TOUCH_MS) await db.updateTable('staff_sessions').set({ last_seen_at: ctx.now }).where('id', '=', row.session_id).execute()
  return {
    sessionId: row.session_id,
    staff: { id: row.id, email: row.email, name: row.name, roles: (row.roles ?? []).filter(isRole).sort() as Role[], totpEnabled: row.totp_enabled },
    totpPassed: row.totp_passed,
  }
}

/** Ends a session (sign-out). */
export async function closeStaffSession(ctx: Ctx, input: { token: string }): Promise<void> {
  if (!isWellFormedToken(input.token)) return
  await staffDb(ctx.db).deleteFrom('staff_sessions').where('token_hash', '=', hashToken(input.token)).execute()
}

/** Deletes expired sessions and old sign-in failures (recurring job). */
export async function purgeStaffSessions(ctx: Ctx): Promise<void> {
  const db = staffDb(ctx.db)
  await db.deleteFrom('staff_sessions').where('expires_at', '<=', ctx.now).execute()
  await db.deleteFrom('staff_sign_in_failures').where('failed_at', '<=', new Date(ctx.now.getTime() - 3600_000)).execute()
}
