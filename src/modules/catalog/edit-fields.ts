import { z } from 'zod'

// Building blocks of the editing schemas. Messages are written for the editor who reads them next
// to the field (the back office is in French); `path` names the field ('name.en', 'variants.2.sku').

export { fieldErrorsOf, invalid, parseInput, type FieldError } from '../../kernel/field-errors.ts'

const typeError = (label: string, kind: string) => (iss: { input: unknown }) =>
  iss.input === undefined || iss.input === null ? `${label} est obligatoire` : `${label} doit être ${kind}`

// PostgreSQL cannot store U+0000 in text: refuse it here rather than fail at the INSERT.
const noNul = (s: string) => !s.includes('\u0000')

/** Free text kept exactly as typed (no trimming, no escaping: views escape on output). */
export const text = (label: string, max: number) =>
  z.string({ error: typeError(label, 'un texte') })
    .max(max, `${label} : ${max} caractères au plus`)
    .refine(noNul, `${label} contient un caractère interdit`)

export const requiredText = (label: string, max: number) => text(label, max).refine((s) => s.trim() !== '', `${label} est obligatoire`)

/** Optional free text: blank or absent is stored as null. */
export const optionalText = (label: string, max: number) =>
  text(label, max).nullish().transform((s) => (s == null || s.trim() === '' ? null : s))

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A URL segment or key typed by hand; blank means "make one from the name". */
export const optionalSlug = (label: string) =>
  z.string({ error: typeError(label, 'un texte') })
    .nullish()
    .transform((s) => (s == null || s.trim() === '' ? null : s.trim()))
    .refine((s) => s === null || (SLUG.test(s) && s.length <= 80), `${label} : lettres minuscules sans accents, chiffres et tirets seulement (80 au plus)`)

/** The code of a record to pick in a list (category, VAT category...). */
export const requiredCode = (message: string) => z.string({ error: message }).trim().min(1, message).max(100, message)

export const optionalCode = (label: string) =>
  z.string({ error: typeError(label, 'un code') }).nullish().transform((s) => (s == null || s.trim() === '' ? null : s.trim()))

export const flag = () => z.boolean({ error: 'Cochez ou décochez la case' }).default(false)

export const integer = (label: string, min: number, max: number) =>
  z.number({ error: typeError(label, 'un nombre') })
    .int(`${label} doit être un nombre entier`)
    .min(min, `${label} doit être au moins ${min}`)
    .max(max, `${label} doit être au plus ${max}`)

/** A decimal with at most `decimals` digits after the point (numeric columns would round more silently). */
export const decimal = (label: string, decimals: number, min: { value: number; inclusive: boolean }, max: number) =>
  z.number({ error: typeError(label, 'un nombre') })
    .refine((n) => Number.isFinite(n) && (min.inclusive ? n >= min.value : n > min.value), `${label} doit être ${min.inclusive ? 'au moins' : 'supérieur à'} ${min.value}`)
    .refine((n) => n <= max, `${label} doit être au plus ${max}`)
    .refine((n) => hasAtMostDecimals(n, decimals), `${label} : ${decimals} décimales au plus`)

export function hasAtMostDecimals(n: number, decimals: number): boolean {
  const scaled = n * 10 ** decimals
  return Math.abs(scaled - Math.round(scaled)) < 1e-6
}

/** Integer cents, up to 1,000,000.00. */
export const cents = (label: string) => integer(label, 0, 100_000_000)

/** Optimistic concurrency: the version the editor's form was loaded with. */
export const expectedVersion = () => integer('La version', 1, 2_147_483_647)

/** A record id chosen by the page (product, variant, category, collection). */
export const recordId = (message: string) => z.string({ error: message }).min(1, message).max(64, message)
