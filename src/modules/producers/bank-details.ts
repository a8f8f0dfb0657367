import { z } from 'zod'

// IBAN lengths of the SEPA countries a producer's bank may be in (ISO 13616 registry); others are refused.
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23, GR: 27,
  HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
}

/** Upper case without spaces, as typed in groups of four or not. */
export const compactBankCode = (s: string): string => s.replace(/\s+/g, '').toUpperCase()

/** ISO 13616: a known SEPA country, its length, and the mod-97 checksum (remainder 1). */
export function isValidIban(compact: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(compact) || IBAN_LENGTH[compact.slice(0, 2)] !== compact.length) return false
  const digits = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  let rest = 0
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97
  return rest === 1
}

/** ISO 9362 BIC: bank (4 letters), country (2), location (2), optional branch (3). */
export const isValidBic = (compact: string): boolean => /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(compact)

/** "•••• 0189": only the last four characters, for lists and the audit log. */
export const maskIban = (iban: string): string => `•••• ${iban.slice(-4)}`

/** "FR76 9999 9000 …": groups of four, as banks print it and staff type it. */
export const groupIban = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ')

const code = (label: string, valid: (s: string) => boolean, message: string) =>
  z.string({ error: `${label} est obligatoire` }).max(60, `${label} : 60 caractères au plus`).transform(compactBankCode).refine((s) => s === '' || valid(s), message)

/** The form: three blanks take the account off; otherwise all three are needed and checked. */
export const ProducerBankInput = z.object({
  producerId: z.string().min(1).max(64),
  iban: code('L’IBAN', isValidIban, 'IBAN invalide : vérifiez le pays, la longueur et les chiffres (clé de contrôle ISO 13616)'),
  bic: code('Le BIC', isValidBic, 'BIC invalide : 8 ou 11 caractères, comme BNPAFRPP ou BNPAFRPPXXX'),
  holder: z.string({ error: 'Le titulaire est obligatoire' }).trim().max(140, 'Titulaire : 140 caractères au plus').refine((s) => !/[\u0000-\u001f]/.test(s), 'Le titulaire contient un caractère interdit'),
}).superRefine((v, ctx) => {
  const filled = [v.iban, v.bic, v.holder].filter(Boolean).length
  if (filled === 0 || filled === 3) return
  if (!v.iban) ctx.addIssue({ code: 'custom', path: ['iban'], message: 'Indiquez l’IBAN (ou videz les trois champs pour retirer le compte)' })
  if (!v.bic) ctx.addIssue({ code: 'custom', path: ['bic'], message: 'Indiquez le BIC (ou videz les trois champs pour retirer le compte)' })
  if (!v.holder) ctx.addIssue({ code: 'custom', path: ['holder'], message: 'Indiquez le titulaire du compte (ou videz les trois champs)' })
})
export type ProducerBankInput = z.input<typeof ProducerBankInput>
