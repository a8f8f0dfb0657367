import { z } from 'zod'
import { isValidSiren, normalizeSiren } from './siren.ts'

// The public application form's fields. Messages are codes: the storefront page says them in
// the applicant's language (producer-application-page.tsx).

export type ApplicationErrorCode =
  | 'required' | 'tooLong' | 'siren' | 'email' | 'phone' | 'number' | 'productLines'
  | 'fileType' | 'fileTooLarge' | 'tooManyFiles' | 'imageInvalid' | 'honeypot'

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong')
const optional = (max: number) =>
  z.string().trim().max(max, 'tooLong').optional().transform((s) => (s ? s : null))
const LINE_CODE = /^[a-z0-9_]{2,40}$/

export const ApplicationFields = z.object({
  tradeName: text(120),
  legalForm: optional(60),
  siren: z.string().transform(normalizeSiren).pipe(z.string().min(1, 'required').refine(isValidSiren, 'siren')),
  contactName: text(120),
  email: z.string().trim().min(1, 'required').max(254, 'tooLong').pipe(z.email('email')),
  phone: optional(30).refine((p) => p === null || /^\+?[0-9 .()-]{6,30}$/.test(p), 'phone'),
  commune: text(80),
  island: optional(80),
  productLines: z.array(z.string().regex(LINE_CODE, 'productLines')).max(30, 'productLines').default([]),
  otherLines: optional(300),
  productsText: text(4000),
  capacityText: text(2000),
  annualUnits: z.string().trim().optional()
    .transform((s) => (s ? s.replace(/[\s\u202f\u00a0]/g, '') : ''))
    .refine((s) => s === '' || /^[0-9]{1,9}$/.test(s), 'number')
    .transform((s) => (s === '' ? null : Number(s))),
  message: optional(4000),
  /** left empty by people; robots fill every field */
  website: z.string().max(0, 'honeypot').optional(),
})
export type ApplicationFields = z.output<typeof ApplicationFields>

/** The product lines an applicant names: ticked codes plus free text ("cacao, chocolat noir") made into codes. */
export function productLinesOf(f: Pick<ApplicationFields, 'productLines' | 'otherLines'>): string[] {
  const free = (f.otherLines ?? '').split(/[,;\n]/).map((s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40))
  return [...new Set([...f.productLines, ...free.filter((s) => LINE_CODE.test(s))])].slice(0, 30)
}
