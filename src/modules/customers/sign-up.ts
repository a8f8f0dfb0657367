import { sql } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { queueEmail } from '../notifications/index.ts'
import { customerColumns, toCustomer } from './customer-row.ts'
import { hashPassword, passwordProblem, type PasswordProblem } from '../../kernel/password.ts'
import { createSession } from './sessions.ts'
import { customersDb } from './tables.ts'
import { emailKey } from '../../kernel/tokens.ts'
import type { Customer, NewSession } from './types.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'

export type SignUpInput = {
  email: string
  password: string
  firstName: string
  lastName: string
  locale: Locale
  /** 'YYYY-MM-DD', optional */
  birthDate?: string | null | undefined
  /** the browser's current session token, replaced by the new one */
  previousToken?: string | undefined
  /** absolute link to the account page, for the welcome e-mail */
  accountUrl: string
}

export type SignUpResult =
  | { ok: true; customer: Customer; session: NewSession }
  | { ok: false; code: 'CUSTOMERS_EMAIL_TAKEN' }
  | { ok: false; code: 'CUSTOMERS_PASSWORD_WEAK'; problem: PasswordProblem }
  | { ok: false; code: 'CUSTOMERS_BIRTH_DATE_INVALID' }

/** A declared birth date must be a real calendar day between 1900 and today. */
export function birthDateValid(value: string, today: Date): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value && value >= '1900-01-01' && value <= today.toISOString().slice(0, 10)
}

/**
 * Creates an account and signs it in. The e-mail is unique whatever its case (index on
 * lower(email)); the insert is ON CONFLICT DO NOTHING so two simultaneous sign-ups with one
 * address give one account and one EMAIL_TAKEN, never a 500. The welcome e-mail is queued in
 * the same transaction as the account, so there is no e-mail for an account that failed.
 */
export async function signUp(ctx: Ctx, input: SignUpInput): Promise<SignUpResult> {
  const email = input.email.trim()
  const problem = passwordProblem(input.password, email)
  if (problem) return { ok: false, code: 'CUSTOMERS_PASSWORD_WEAK', problem }
  const birthDate = input.birthDate ? input.birthDate : null
  if (birthDate !== null && !birthDateValid(birthDate, ctx.now)) return { ok: false, code: 'CUSTOMERS_BIRTH_DATE_INVALID' }
  const taken = await customersDb(ctx.db).selectFrom('customers').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', emailKey(email))).executeTakeFirst()
  if (taken) return { ok: false, code: 'CUSTOMERS_EMAIL_TAKEN' } // answered before spending a hash on it
  const passwordHash = await hashPassword(input.password)

  return inTransaction(ctx, async (tx): Promise<SignUpResult> => {
    const row = await customersDb(tx.db)
      .insertInto('customers')
      .values({ id: newId('cus'), email, password_hash: passwordHash, first_name: input.firstName.trim(), last_name: input.lastName.trim(), locale: input.locale, birth_date: birthDate, created_at: ctx.now, updated_at: ctx.now })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning([...customerColumns])
      .executeTakeFirst()
    if (!row) return { ok: false, code: 'CUSTOMERS_EMAIL_TAKEN' }
    await queueEmail(tx, { to: email, locale: input.locale, template: 'welcome', data: { firstName: row.first_name, accountUrl: input.accountUrl }, dedupeKey: `welcome:${row.id}` })
    const session = await createSession(tx, row.id, input.previousToken)
    return { ok: true, customer: toCustomer(row), session }
  })
}
