import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import type { PaymentTermsType, ProducerStatus } from '../producers/tables.ts'
import { defaultTerms, type GoodsKind } from './agreement-rules.ts'
import { goodsKindOf } from './goods-kind.ts'
import { PIPELINE } from './pipeline.ts'
import { weightedTotal } from './scoring.ts'
import { sourcingDb } from './tables.ts'

export type ApplicationDetail = {
  producer: {
    id: string; code: string; slug: string; tradeName: string; legalForm: string | null; status: ProducerStatus; siren: string | null
    commune: string | null; island: string | null; productLines: string[]; email: string | null; phone: string | null; createdAt: Date
  }
  application: {
    contactName: string; email: string; phone: string | null; siren: string; productsText: string; capacityText: string
    annualCapacityUnits: number | null; message: string | null; locale: 'fr' | 'en'; submittedAt: Date
  } | null
  files: { id: string; kind: 'photo' | 'document'; name: string; contentType: string; byteSize: number; imageKey: string | null; imageWidths: number[]; createdAt: Date }[]
  criteria: { code: string; label: string; help: string | null; weight: number; maxScore: number; score: number | null; note: string | null; scoredBy: string | null; scoredAt: Date | null }[]
  score: { total: number; complete: boolean; scored: number }
  events: { id: number; from: string | null; to: string | null; note: string | null; staff: string | null; at: Date }[]
  agreements: {
    validFrom: string; model: 'PURCHASE' | 'CONSIGNMENT'; paymentTermsType: PaymentTermsType; paymentTermsDays: number; commissionBp: number | null
    incoterm: string | null; legalBasis: string | null; note: string | null; createdBy: string | null; createdAt: Date
  }[]
  goods: GoodsKind
  proposal: { paymentTermsType: PaymentTermsType; paymentTermsDays: number }
  nextStatuses: readonly ProducerStatus[]
}

/** Everything the detail page of a producer in the pipeline shows, or null for an unknown id (operator excluded). */
export async function getApplication(ctx: Ctx, producerId: string): Promise<ApplicationDetail | null> {
  const db = sourcingDb(ctx.db)
  const p = await db.selectFrom('producers').selectAll().where('id', '=', producerId).where('kind', '=', 'producer').executeTakeFirst()
  if (!p) return null
  const [a, files, criteria, events, agreements, goods] = await Promise.all([
    db.selectFrom('producer_applications').selectAll().where('producer_id', '=', p.id).executeTakeFirst(),
    db.selectFrom('producer_files as f').leftJoin('images as i', 'i.id', 'f.image_id')
      .select(['f.id', 'f.kind', 'f.file_name', 'f.content_type', 'f.byte_size', 'f.created_at', 'i.storage_key as image_key', 'i.widths as image_widths'])
      .where('f.producer_id', '=', p.id).orderBy('f.created_at').orderBy('f.id').execute(),
    db.selectFrom('scoring_criteria as c')
      .leftJoin('producer_scores as s', (j) => j.onRef('s.criterion_code', '=', 'c.code').on('s.producer_id', '=', p.id))
      .leftJoin('staff_users as u', 'u.id', 's.staff_id')
      .select(['c.code', 'c.label_fr', 'c.help_fr', 'c.weight', 'c.max_score', 's.score', 's.note', 's.scored_at', 'u.name as staff_name'])
      .where('c.active', '=', true).orderBy('c.position').execute(),
    db.selectFrom('producer_pipeline_events as e').leftJoin('staff_users as u', 'u.id', 'e.staff_id')
      .select(['e.id', 'e.from_status', 'e.to_status', 'e.note', 'e.created_at', 'u.name as staff_name'])
      .where('e.producer_id', '=', p.id).orderBy('e.id', 'desc').execute(),
    db.selectFrom('producer_agreements as g').leftJoin('staff_users as u', 'u.id', 'g.created_by')
      .select(['g.valid_from', 'g.model', 'g.payment_terms_type', 'g.payment_terms_days', 'g.commission_bp', 'g.incoterm', 'g.legal_basis', 'g.note', 'g.created_at', 'u.name as staff_name'])
      .where('g.producer_id', '=', p.id).orderBy('g.valid_from', 'desc').execute(),
    goodsKindOf(ctx, p.id),
  ])
  const grid = criteria.map((c) => ({
    code: c.code, label: c.label_fr, help: c.help_fr, weight: c.weight, maxScore: c.max_score, score: c.score ?? null, note: c.note ?? null,
    scoredBy: c.staff_name ?? null, scoredAt: c.scored_at ?? null,
  }))
  return {
    producer: {
      id: p.id, code: p.code, slug: p.slug, tradeName: p.trade_name, legalForm: p.legal_form, status: p.status, siren: p.siren, commune: p.commune,
      island: p.island, productLines: p.product_lines, email: p.email, phone: p.phone, createdAt: p.created_at,
    },
    application: a ? {
      contactName: a.contact_name, email: a.email, phone: a.phone, siren: a.siren, productsText: a.products_text, capacityText: a.capacity_text,
      annualCapacityUnits: a.annual_capacity_units, message: a.message, locale: a.locale, submittedAt: a.submitted_at,
    } : null,
    files: files.map((f) => ({ id: f.id, kind: f.kind, name: f.file_name, contentType: f.content_type, byteSize: f.byte_size, imageKey: f.image_key ?? null, imageWidths: f.image_widths ?? [], createdAt: f.created_at })),
    criteria: grid,
    score: weightedTotal(grid),
    events: events.map((e) => ({ id: Number(e.id), from: e.from_status, to: e.to_status, note: e.note, staff: e.staff_name ?? null, at: e.created_at })),
    agreements: agreements.map((g) => ({
      validFrom: isoDay(g.valid_from), model: g.model, paymentTermsType: g.payment_terms_type, paymentTermsDays: g.payment_terms_days, commissionBp: g.commission_bp,
      incoterm: g.incoterm, legalBasis: g.legal_basis, note: g.note, createdBy: g.staff_name ?? null, createdAt: g.created_at,
    })),
    goods,
    proposal: defaultTerms(goods),
    nextStatuses: PIPELINE[p.status],
  }
}

/** One stored file of a producer, for the guarded download route (null: unknown or not this producer's). */
export async function getProducerFile(ctx: Ctx, producerId: string, fileId: string) {
  return (await sourcingDb(ctx.db).selectFrom('producer_files as f').leftJoin('images as i', 'i.id', 'f.image_id').selectAll('f').select('i.widths as image_widths')
    .where('f.producer_id', '=', producerId).where('f.id', '=', fileId).executeTakeFirst()) ?? null
}
