import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { customersDb } from './tables.ts'
import { THROTTLE, throttleVerdict } from './throttle.ts'

export type Admission = { ok: true; attemptId: number } | { ok: false; code: 'RATE_LIMITED'; scope: 'email' | 'ip'; retryAfterSeconds: number }

/**
 * Records a sign-in attempt, then counts: the attempt is written (and committed) BEFORE the
 * count, so of N concurrent attempts — in this process or another one sharing the database —
 * the k-th to commit sees at least k rows, and no more than the limit ever reach the password
 * check. A refused attempt is deleted again: only real password checks use up the window.
 * Must run on the database, not inside a transaction (the count must see other requests).
 */
export async function admitSignInAttempt(ctx: Ctx, input: { emailKey: string; ip: string }): Promise<Admission> {
  const db = customersDb(ctx.db)
  const since = new Date(ctx.now.getTime() - THROTTLE.windowMinutes * 60_000)
  await db.deleteFrom('sign_in_attempts').where('email_key', '=', input.emailKey).where('attempted_at', '<=', since).execute()
  const row = await db.insertInto('sign_in_attempts').values({ email_key: input.emailKey, ip: input.ip, attempted_at: ctx.now }).returning('id').executeTakeFirstOrThrow()
  const counts = await sql<{ email_count: number; email_oldest: Date | null; ip_count: number; ip_oldest: Date | null }>`
    SELECT count(*) FILTER (WHERE email_key = ${input.emailKey}) AS email_count,
           min(attempted_at) FILTER (WHERE email_key = ${input.emailKey}) AS email_oldest,
           count(*) FILTER (WHERE ip = ${input.ip}) AS ip_count,
           min(attempted_at) FILTER (WHERE ip = ${input.ip}) AS ip_oldest
      FROM sign_in_attempts
     WHERE (email_key = ${input.emailKey} OR ip = ${input.ip}) AND attempted_at > ${since}`.execute(ctx.db)
  const c = counts.rows[0]!
  const verdict = throttleVerdict({ email: { count: Number(c.email_count), oldest: c.email_oldest }, ip: { count: Number(c.ip_count), oldest: c.ip_oldest }, now: ctx.now })
  if (verdict.allowed) return { ok: true, attemptId: row.id }
  await db.deleteFrom('sign_in_attempts').where('id', '=', row.id).execute()
  return { ok: false, code: 'RATE_LIMITED', scope: verdict.scope, retryAfterSeconds: verdict.retryAfterSeconds }
}

/** A successful sign-in (or password reset) forgets the e-mail's failures: the counter restarts. */
export async function forgetSignInAttempts(ctx: Ctx, input: { emailKey: string }): Promise<void> {
  await customersDb(ctx.db).deleteFrom('sign_in_attempts').where('email_key', '=', input.emailKey).execute()
}
