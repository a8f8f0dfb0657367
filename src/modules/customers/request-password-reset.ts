import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { queueEmail } from '../notifications/index.ts'
import { customersDb } from './tables.ts'
import { emailKey, newSecretToken } from '../../kernel/tokens.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'

/** A reset link works for one hour, once. */
export const RESET_MINUTES = 60
/** One link per minute per account at most: the form cannot be used to flood someone's inbox. */
const RESEND_AFTER_MS = 60_000

export type RequestPasswordResetInput = {
  email: string
  /** absolute URL of the reset page; the link is `${resetPageUrl}?token=…` */
  resetPageUrl: string
}

/**
 * Starts a password reset: when the e-mail has an account, a single-use token (only its hash is
 * stored) is created and the link e-mailed in the account's language, in one transaction.
 * The answer is the same whether or not the e-mail exists, so the form reveals no account.
 */
export async function requestPasswordReset(ctx: Ctx, input: RequestPasswordResetInput): Promise<{ ok: true }> {
  await inTransaction(ctx, async (tx) => {
    const db = customersDb(tx.db)
    const customer = await db
      .selectFrom('customers')
      .select(['id', 'email', 'locale'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', emailKey(input.email)))
      .forUpdate() // two simultaneous requests: the second sees the first's link and sends nothing
      .executeTakeFirst()
    if (!customer) return
    const recent = await db
      .selectFrom('password_resets')
      .select('id')
      .where('customer_id', '=', customer.id)
      .where('used_at', 'is', null)
      .where('created_at', '>', new Date(ctx.now.getTime() - RESEND_AFTER_MS))
      .executeTakeFirst()
    if (recent) return
    const { token, hash } = newSecretToken()
    const id = newId('pwr')
    await db.insertInto('password_resets').values({ id, customer_id: customer.id, token_hash: hash, created_at: ctx.now, expires_at: new Date(ctx.now.getTime() + RESET_MINUTES * 60_000) }).execute()
    const resetUrl = `${input.resetPageUrl}?token=${encodeURIComponent(token)}`
    await queueEmail(tx, { to: customer.email, locale: customer.locale, template: 'password-reset', data: { resetUrl, expiresInMinutes: RESET_MINUTES }, dedupeKey: `password-reset:${id}` })
  })
  return { ok: true }
}
