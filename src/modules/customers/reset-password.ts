import type { Ctx } from '../../kernel/ctx.ts'
import { customerColumns, toCustomer } from './customer-row.ts'
import { hashPassword, passwordProblem, type PasswordProblem } from '../../kernel/password.ts'
import { createSession } from './sessions.ts'
import { forgetSignInAttempts } from './sign-in-attempts.ts'
import { customersDb } from './tables.ts'
import { emailKey, hashToken, isWellFormedToken } from '../../kernel/tokens.ts'
import type { Customer, NewSession } from './types.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'

export type ResetPasswordResult =
  | { ok: true; customer: Customer; session: NewSession }
  /** unknown, used or expired: one answer for the three */
  | { ok: false; code: 'CUSTOMERS_RESET_TOKEN_INVALID' }
  | { ok: false; code: 'CUSTOMERS_PASSWORD_WEAK'; problem: PasswordProblem }

/** Whether a reset link can still be used (the reset page says so before asking for a password). */
export async function checkPasswordResetToken(ctx: Ctx, input: { token: string }): Promise<boolean> {
  if (!isWellFormedToken(input.token)) return false
  const row = await customersDb(ctx.db)
    .selectFrom('password_resets')
    .select('id')
    .where('token_hash', '=', hashToken(input.token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', ctx.now)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Sets a new password from a reset link. The token is consumed by one guarded UPDATE
 * (used_at IS NULL AND not expired … RETURNING), so two clicks at once reset once. Every session
 * of the account is deleted (whoever knew the old password is signed out) and a new one opened
 * for this browser; the account's other links die too, and its failed sign-ins are forgotten.
 */
export async function resetPassword(ctx: Ctx, input: { token: string; password: string }): Promise<ResetPasswordResult> {
  if (!(await checkPasswordResetToken(ctx, input))) return { ok: false, code: 'CUSTOMERS_RESET_TOKEN_INVALID' }
  const owner = await customersDb(ctx.db)
    .selectFrom('password_resets as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .select('c.email')
    .where('r.token_hash', '=', hashToken(input.token))
    .executeTakeFirstOrThrow()
  const problem = passwordProblem(input.password, owner.email)
  if (problem) return { ok: false, code: 'CUSTOMERS_PASSWORD_WEAK', problem }
  const passwordHash = await hashPassword(input.password) // outside the transaction: it takes tens of ms

  const result = await inTransaction(ctx, async (tx): Promise<ResetPasswordResult> => {
    const db = customersDb(tx.db)
    const used = await db
      .updateTable('password_resets')
      .set({ used_at: ctx.now })
      .where('token_hash', '=', hashToken(input.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', ctx.now)
      .returning('customer_id')
      .executeTakeFirst()
    if (!used) return { ok: false, code: 'CUSTOMERS_RESET_TOKEN_INVALID' }
    const row = await db.updateTable('customers').set({ password_hash: passwordHash, updated_at: ctx.now }).where('id', '=', used.customer_id).returning([...customerColumns]).executeTakeFirstOrThrow()
    await db.deleteFrom('customer_sessions').where('customer_id', '=', row.id).execute()
    await db.updateTable('password_resets').set({ used_at: ctx.now }).where('customer_id', '=', row.id).where('used_at', 'is', null).execute()
    const session = await createSession(tx, row.id)
    return { ok: true, customer: toCustomer(row), session }
  })
  if (result.ok) await forgetSignInAttempts(ctx, { emailKey: emailKey(result.customer.email) })
  return result
}
