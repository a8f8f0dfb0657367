import { z } from 'zod'
import type { MessageKey } from '../../web/i18n/index.ts'
import type { FieldErrors } from '../../web/storefront/account/forms.tsx'

// Zod contracts of the account forms (application/x-www-form-urlencoded bodies). Each field
// carries the message shown next to it when it does not fit; business rules (password policy,
// address checks, e-mail taken) are the customers module's and come back as typed failures.
// Unknown fields (_csrf, next) are ignored; a field sent twice is an array and fails its schema.

type FieldSpec = { schema: z.ZodType; message: MessageKey }
const field = <S extends z.ZodType>(schema: S, message: MessageKey) => ({ schema, message })
const text = (max: number) => z.string().trim().min(1).max(max)

const email = field(z.string().trim().max(254).pipe(z.email()), 'account.error.email')
const password = field(z.string().min(1).max(256), 'account.error.passwordRequired')
const newPassword = field(z.string().min(1).max(256), 'account.error.passwordTooLong')

export const SignInForm = { email, password, next: field(z.string().max(500).optional(), 'account.error.tooLong') }
export const SignUpForm = {
  email,
  password: newPassword,
  firstName: field(text(100), 'account.error.required'),
  lastName: field(text(100), 'account.error.required'),
  birthDate: field(z.union([z.literal(''), z.iso.date()]).optional(), 'account.error.birthDate'),
  next: field(z.string().max(500).optional(), 'account.error.tooLong'),
}
export const ForgotPasswordForm = { email }
export const ResetPasswordForm = { token: field(z.string().max(100), 'account.reset.invalid'), password: newPassword }
// Address fields: only shapes and an abuse guard here; required fields, lengths, postal codes and
// countries are the customers module's checks, so every problem of the form is reported at once.
const loose = (max: number) => z.string().max(max).optional()
export const AddressForm = {
  name: field(loose(500), 'account.error.tooLong'),
  line1: field(loose(500), 'account.error.tooLong'),
  line2: field(loose(500), 'account.error.tooLong'),
  postalCode: field(loose(100), 'account.error.postalCodeInvalid'),
  city: field(loose(500), 'account.error.tooLong'),
  country: field(loose(10), 'account.error.countryUnknown'),
  phone: field(loose(100), 'account.error.phoneInvalid'),
  isDefault: field(z.literal('1').optional(), 'account.error.required'),
}

/** Query of pages reached after a redirect or from an e-mail link. */
export const AccountQuery = z.object({ next: z.string().max(500).optional(), token: z.string().max(100).optional(), done: z.enum(['welcome', 'reset', 'saved', 'deleted']).optional() })
export const AddressParams = z.object({ id: z.string().regex(/^adr_[0-9A-Z]{26}$/) })

type Values<F extends Record<string, FieldSpec>> = { [K in keyof F]: z.infer<F[K]['schema']> }

/**
 * Validates a form body against its fields: the typed values, or the message of each wrong
 * field plus what was typed (strings only, never the password) to fill the form again.
 */
export function parseForm<F extends Record<string, FieldSpec>>(fields: F, body: unknown): { ok: true; values: Values<F>; raw: Record<string, string> } | { ok: false; errors: FieldErrors; raw: Record<string, string> } {
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const raw: Record<string, string> = {}
  for (const k of Object.keys(fields)) if (typeof input[k] === 'string' && !/password/i.test(k)) raw[k] = input[k] as string
  const schema = z.object(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema])))
  const parsed = schema.safeParse(input)
  if (parsed.success) return { ok: true, values: parsed.data as Values<F>, raw }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '')
    if (fields[key] && !errors[key]) errors[key] = fields[key].message
  }
  return { ok: false, errors, raw }
}

/**
 * A `next` path to go to after signing in: only a local page of the storefront (`/fr/…` or
 * `/en/…`, printable ASCII, no `//` or backslash tricks), else null — never an open redirect.
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string') return null
  return /^\/(fr|en)(\/[\x21-\x7e]*)?$/.test(next) && !next.includes('\\') && !next.includes('//') ? next : null
}
