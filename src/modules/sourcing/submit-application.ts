import { sql } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { slugify } from '../../kernel/text.ts'
import { recordAudit } from '../audit/index.ts'
import { queueEmail } from '../notifications/index.ts'
import { ApplicationFields, productLinesOf, type ApplicationErrorCode } from './application-input.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { sourcingDb } from './tables.ts'

/** At most this many applications from one client address per hour (a person sends one). */
export const APPLICATION_RATE = { perHour: 3 } as const

export type SubmitApplicationInput = {
  fields: Record<string, unknown>
  /** keyed hash of the client address (the route hashes it): the rate limit's key */
  ipHash: string
  locale: Locale
}

export type SubmitApplicationResult =
  | { ok: true; producerId: string; applicationId: string; code: string }
  | { ok: false; code: 'VALIDATION_FAILED'; errors: Record<string, ApplicationErrorCode> }
  | { ok: false; code: 'RATE_LIMITED'; retryAfterSeconds: number }

/**
 * A producer's application from the public form: a producers row in status APPLICANT (new code
 * and slug), the application, the first pipeline event and the acknowledgement e-mail, in one
 * transaction (files come next, one by one: add-application-file.ts). Bad input writes nothing
 * and says which fields are wrong. The honeypot answers as a success would, writing nothing.
 */
export async function submitApplication(ctx: Ctx, input: SubmitApplicationInput): Promise<SubmitApplicationResult> {
  const parsed = ApplicationFields.safeParse(input.fields)
  const errors: Record<string, ApplicationErrorCode> = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form')
      errors[field] ??= (['honeypot', 'siren', 'email', 'phone', 'number', 'productLines', 'tooLong'].includes(issue.message) ? issue.message : 'required') as ApplicationErrorCode
    }
  }
  if (errors.website) return { ok: true, producerId: '', applicationId: '', code: '' }
  if (!parsed.success) return { ok: false, code: 'VALIDATION_FAILED', errors }
  const f = parsed.data

  const since = new Date(ctx.now.getTime() - 3600_000)
  const recent = await sourcingDb(ctx.db).selectFrom('producer_applications').select(['submitted_at'])
    .where('ip_hash', '=', input.ipHash).where('submitted_at', '>', since).orderBy('submitted_at', 'asc').execute()
  if (recent.length >= APPLICATION_RATE.perHour) {
    return { ok: false, code: 'RATE_LIMITED', retryAfterSeconds: Math.max(60, Math.ceil((recent[0]!.submitted_at.getTime() + 3600_000 - ctx.now.getTime()) / 1000)) }
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(ctx, async (tx) => {
        const db = sourcingDb(tx.db)
        const producerId = newId('prf')
        const applicationId = newId('apl')
        const slug = await freeSlug(tx, slugify(f.tradeName) || 'producteur', attempt)
        const code = await freeCode(tx, slug, attempt)
        await db.insertInto('producers').values({
          id: producerId, code, slug, trade_name: f.tradeName, legal_form: f.legalForm, status: 'APPLICANT', siren: f.siren, vat_number: null,
          commune: f.commune, postal_code: null, island: f.island, territory_code: null, lat: null, lon: null, since_year: null, staff: null,
          product_lines: productLinesOf(f), story_fr: null, story_en: null, email: f.email, phone: f.phone, image_id: null, created_at: ctx.now, updated_at: ctx.now,
        }).execute()
        await db.insertInto('producer_applications').values({
          id: applicationId, producer_id: producerId, contact_name: f.contactName, email: f.email, phone: f.phone, siren: f.siren,
          products_text: f.productsText, capacity_text: f.capacityText, annual_capacity_units: f.annualUnits, message: f.message,
          locale: input.locale, submitted_at: ctx.now, ip_hash: input.ipHash,
        }).execute()
        await db.insertInto('producer_pipeline_events').values({ producer_id: producerId, from_status: null, to_status: 'APPLICANT', note: 'Candidature reçue par le formulaire public', staff_id: null, created_at: ctx.now }).execute()
        await recordAudit(tx, { action: 'sourcing.application_received', entityType: 'producer', entityId: producerId, after: { code, slug, tradeName: f.tradeName } })
        await queueEmail(tx, {
          to: f.email, locale: input.locale, template: 'producer-application-received', dedupeKey: `producer-application-received:${applicationId}`,
          data: { tradeName: f.tradeName, contactName: f.contactName, reference: code, submittedAt: ctx.now.toISOString() },
        })
        return { ok: true as const, producerId, applicationId, code }
      })
    } catch (err) {
      // two applications of the same name at once: the UNIQUE code or slug refuses one; pick again
      if ((err as { code?: string }).code === '23505' && attempt < 3 && !ctx.db.isTransaction) continue
      throw err
    }
  }
}

/** The name's slug, or the first of -2, -3… that is free (a retry after a race starts further on). */
async function freeSlug(ctx: Ctx, base: string, attempt: number): Promise<string> {
  const rows = await sql<{ slug: string }>`select slug from producers where slug = ${base} or slug like ${`${base}-%`}`.execute(ctx.db)
  // the form's own addresses sit next to producer pages (/fr/producteurs/candidater)
  const taken = new Set([...rows.rows.map((r) => r.slug), 'candidater', 'apply'])
  if (!taken.has(base) && attempt === 1) return base
  for (let n = attempt + 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** 'PRD-' and four letters of the name ('PRD-CACA'), the last ones replaced by a number when taken. */
async function freeCode(ctx: Ctx, slug: string, attempt: number): Promise<string> {
  const letters = (slug.replace(/[^a-z0-9]/g, '').toUpperCase() + 'XXXX').slice(0, 4)
  const rows = await sql<{ code: string }>`select code from producers where code like ${`PRD-${letters.slice(0, 2)}%`}`.execute(ctx.db)
  const taken = new Set(rows.rows.map((r) => r.code))
  if (!taken.has(`PRD-${letters}`) && attempt === 1) return `PRD-${letters}`
  for (let n = attempt + 1; n < 100; n++) {
    const candidate = `PRD-${letters.slice(0, 4 - String(n).length)}${n}`
    if (!taken.has(candidate)) return candidate
  }
  return `PRD-${newId('prf').slice(-4)}`
}
