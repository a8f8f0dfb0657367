import type { Ctx } from '../../kernel/ctx.ts'
import { createSession } from './sessions.ts'
import { customerColumns, toCustomer } from './customer-row.ts'
import { spendVerificationTime, verifyPassword } from '../../kernel/password.ts'
import { admitSignInAttempt, forgetSignInAttempts } from './sign-in-attempts.ts'
import { customersDb } from './tables.ts'
import { emailKey } from '../../kernel/tokens.ts'
import type { Customer, NewSession } from './types.ts'

export type SignInInput = {
  email: string
  password: string
  /** the client's address, for the per-IP limit */
  ip: string
  /** the browser's current session token, replaced by the new one */
  previousToken?: string | undefined
}

export type SignInResult =
  | { ok: true; customer: Customer; session: NewSession }
  /** unknown e-mail or wrong password: one answer for both, so e-mails cannot be probed */
  | { ok: false; code: 'CUSTOMERS_INVALID_CREDENTIALS' }
  | { ok: false; code: 'RATE_LIMITED'; scope: 'email' | 'ip'; retryAfterSeconds: number }

/**
 * Signs a customer in: throttle first (counted in the database, see sign-in-attempts.ts), then
 * the argon2id check outside any transaction (it takes tens of milliseconds and the embedded
 * database has one connection), then a NEW session replacing the browser's old one.
 */
export async function signIn(ctx: Ctx, input: SignInInput): Promise<SignInResult> {
  const key = emailKey(input.email)
  const admitted = await admitSignInAttempt(ctx, { emailKey: key, ip: input.ip })
  if (!admitted.ok) return admitted
  const db = customersDb(ctx.db)
  const row = await db
    .selectFrom('customers')
    .select([...customerColumns, 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', key))
    .executeTakeFirst()
  if (!row) {
    await spendVerificationTime(input.password)
    return { ok: false, code: 'CUSTOMERS_INVALID_CREDENTIALS' }
  }
  if (!(await verifyPassword(row.password_hash, input.password))) return { ok: false, code: 'CUSTOMERS_INVALID_CREDENTIALS' }
  await forgetSignInAttempts(ctx, { emailKey: key })
  const session = await createSession(ctx, row.id, input.previousToken)
  return { ok: true, customer: toCustomer(row), session }
}
