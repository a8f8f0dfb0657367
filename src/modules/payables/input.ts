import { z } from 'zod'

// Shared pieces of the payables inputs: field errors the forms show next to their fields
// (`path` is the input path: 'invoiceNumber', 'lines.2.quantity'), days and amounts typed by hand.

export { invalid, parseInput, type FieldError } from '../../kernel/field-errors.ts'

/** A calendar day 'YYYY-MM-DD' that exists. */
export const isoDate = (label: string) =>
  z.string({ error: `${label} est obligatoire` }).trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} : une date au format AAAA-MM-JJ`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label} n’est pas une date valide`)

/** An amount in euros typed as "12,50" or "12.5" (or already cents as an integer) → integer cents. */
export const euroCents = (label: string, opts: { min: number } = { min: 0 }) =>
  z.union([z.number(), z.string()], { error: `${label} est obligatoire` }).transform((v, c) => {
    const cents = typeof v === 'number' ? v : centsOf(v)
    if (cents === null || !Number.isSafeInteger(cents)) {
      c.addIssue({ code: 'custom', message: `${label} : un montant en euros, 2 décimales au plus (ex. 12,50)` })
      return z.NEVER
    }
    if (cents < opts.min) {
      c.addIssue({ code: 'custom', message: opts.min > 0 ? `${label} doit être supérieur à zéro` : `${label} ne peut pas être négatif` })
      return z.NEVER
    }
    if (cents > 100_000_000_00) {
      c.addIssue({ code: 'custom', message: `${label} est trop grand` })
      return z.NEVER
    }
    return cents
  })

/** "12,50" → 1250, "-3" → -300; null when it is not an amount with at most 2 decimals. */
export function centsOf(s: string): number | null {
  const m = /^\s*(-?)(\d{1,12})(?:[.,](\d{1,2}))?\s*$/.exec(s.replace(/\u00a0|\u202f| /g, ''))
  if (!m) return null
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return m[1] === '-' ? -cents : cents
}

/** A VAT rate typed in percent ("8,5") → basis points (850), or already basis points as an integer. */
export const vatRateBp = (label: string) =>
  z.union([z.number(), z.string()], { error: `${label} est obligatoire` }).transform((v, c) => {
    const bp = typeof v === 'number' ? v : centsOf(v)
    if (bp === null || !Number.isInteger(bp) || bp < 0 || bp > 10_000) {
      c.addIssue({ code: 'custom', message: `${label} : un taux entre 0 et 100 %, 2 décimales au plus (ex. 8,5)` })
      return z.NEVER
    }
    return bp
  })

export const recordId = (message: string) => z.string({ error: message }).trim().regex(/^[a-z]{3}_[0-9A-Z]{26}$/, message)
