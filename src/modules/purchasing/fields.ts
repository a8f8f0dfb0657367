import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'

// Input checks of the purchasing use cases; messages are French, written for the person next to
// the field. `path` names the field (`lines.2.quantity`), so forms show each error where it belongs.

export { invalid, parseInput, type FieldError } from '../../kernel/field-errors.ts'

export const recordId = (message: string) => z.string({ error: message }).regex(/^[a-z]{3}_[0-9A-Z]{26}$/, message)

export const count = (label: string, max = 1_000_000) =>
  z.number({ error: `${label} doit être un nombre` }).int(`${label} doit être un nombre entier`).min(0, `${label} ne peut pas être négatif`).max(max, `${label} : ${max} au plus`)

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
const realDay = (s: string) => ISO_DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s

export const day = (label: string) => z.string({ error: `${label} est obligatoire` }).refine(realDay, `${label} n’est pas une date valide (AAAA-MM-JJ)`)
export const optionalDay = (label: string) =>
  z.string().nullish().transform((s) => (s == null || s.trim() === '' ? null : s.trim())).refine((s) => s === null || realDay(s), `${label} n’est pas une date valide (AAAA-MM-JJ)`)

export const optionalText = (label: string, max: number) =>
  z.string().max(max, `${label} : ${max} caractères au plus`).refine((s) => !s.includes('\u0000'), `${label} contient un caractère interdit`)
    .nullish().transform((s) => (s == null || s.trim() === '' ? null : s.trim()))

export const conflict = (message: string): never => {
  throw new AppError('CONFLICT', message)
}
