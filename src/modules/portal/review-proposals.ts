import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { attachProductImage, clearCatalogCache, getProductForEdit, updateProduct, type UpdateProductInput } from '../catalog/index.ts'
import { reindex } from '../search/index.ts'
import { PROPOSABLE_KEYS, type ProposableField } from './proposals.ts'
import { portalDb } from './tables.ts'

export type ProposalForReview = {
  id: string
  producerName: string
  proposedBy: string
  product: { id: string; version: number } & Record<ProposableField, string | null>
  changes: Partial<Record<ProposableField, string | null>>
  images: { id: string; storageKey: string; widths: number[]; alt: string }[]
  message: string | null
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn'
  reviewNote: string | null
  createdAt: Date
}

function proposals(ctx: Ctx) {
  return portalDb(ctx.db)
    .selectFrom('content_proposals as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('producers as pr', 'pr.id', 'c.producer_id')
    .innerJoin('producer_users as u', 'u.id', 'c.proposed_by')
    .select(['c.id', 'pr.trade_name', 'u.name as user_name', 'p.id as product_id', 'p.version', 'p.name_fr', 'p.name_en', 'p.description_fr', 'p.description_en'])
    .select(['c.changes', 'c.image_ids', 'c.message', 'c.status', 'c.review_note', 'c.created_at'])
}

/** Proposals awaiting a decision, oldest first (back office, content.review). */
export async function listPendingProposals(ctx: Ctx): Promise<{ id: string; producerName: string; productName: string; fields: string[]; images: number; createdAt: Date }[]> {
  const rows = await proposals(ctx).where('c.status', '=', 'pending').orderBy('c.created_at').orderBy('c.id').limit(200).execute()
  return rows.map((r) => ({ id: r.id, producerName: r.trade_name, productName: r.name_fr, fields: Object.keys(r.changes), images: r.image_ids.length, createdAt: r.created_at }))
}

/** One proposal beside the product's current texts and the proposed pictures, or null. */
export async function getProposalForReview(ctx: Ctx, id: string): Promise<ProposalForReview | null> {
  const r = await proposals(ctx).where('c.id', '=', id).executeTakeFirst()
  if (!r) return null
  const images = r.image_ids.length
    ? await portalDb(ctx.db).selectFrom('images').select(['id', 'storage_key', 'widths', 'alt_fr']).where('id', 'in', r.image_ids).execute()
    : []
  return {
    id: r.id, producerName: r.trade_name, proposedBy: r.user_name,
    product: { id: r.product_id, version: r.version, name_fr: r.name_fr, name_en: r.name_en, description_fr: r.description_fr, description_en: r.description_en },
    changes: r.changes, images: images.map((i) => ({ id: i.id, storageKey: i.storage_key, widths: i.widths, alt: i.alt_fr })),
    message: r.message, status: r.status, reviewNote: r.review_note, createdAt: r.created_at,
  }
}

async function lockPending(ctx: Ctx, id: string) {
  const row = await portalDb(ctx.db).selectFrom('content_proposals').select(['id', 'product_id', 'changes', 'image_ids', 'status']).where('id', '=', id).forUpdate().executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', 'Cette proposition n’existe pas.')
  if (row.status !== 'pending') throw new AppError('CONFLICT', 'Cette proposition a déjà été traitée.')
  return row
}

/**
 * Approves a proposal: its texts go through the catalog's product update with the version the
 * reviewer saw (a product edited since → CONFLICT, nothing applied), its pictures are attached,
 * the search row is rebuilt, and the proposal is marked approved: one transaction, audited.
 */
export async function approveProposal(ctx: Ctx, input: { id: string; expectedVersion: number; note?: string | null }): Promise<void> {
  const run = async (tx: Ctx) => {
    const proposal = await lockPending(tx, input.id)
    const product = await getProductForEdit(tx, proposal.product_id)
    if (!product) throw new AppError('NOT_FOUND', 'Ce produit n’existe plus.')
    const changes = proposal.changes as Partial<Record<ProposableField, string | null>>
    const pick = (k: ProposableField) => (k in changes ? changes[k] ?? null : product[k])
    if (PROPOSABLE_KEYS.some((k) => k in changes)) {
      const update: UpdateProductInput = {
        productId: product.id, expectedVersion: input.expectedVersion, reason: `Proposition du producteur ${proposal.id}`,
        handle: product.handle, slugs: { fr: product.slug_fr, en: product.slug_en }, producerId: product.producer_id, categoryId: product.category_id,
        name: { fr: pick('name_fr') ?? product.name_fr, en: pick('name_en') ?? product.name_en },
        description: { fr: pick('description_fr'), en: pick('description_en') },
        sellingPoints: { fr: product.selling_points_fr, en: product.selling_points_en },
        vatCategoryCode: product.vat_category_code, shippingClassCode: product.shipping_class_code, ageRestricted: product.age_restricted, minAge: product.min_age,
        perishable: product.perishable, fragile: product.fragile, storage: product.storage, originTerritory: product.origin_territory, originCommune: product.origin_commune,
        foodInformation: product.food_information as never, featured: product.featured, labels: product.labels,
      }
      await updateProduct(tx, update)
    } else if (product.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'Ce produit a été modifié entre-temps : rechargez la proposition.')
    }
    for (const imageId of proposal.image_ids) await attachProductImage(tx, { productId: product.id, imageId })
    await reindex(tx, [product.id])
    await decide(tx, proposal.id, 'approved', input.note ?? null)
  }
  await (ctx.db.isTransaction ? run(ctx) : ctx.db.transaction().execute((trx) => run({ ...ctx, db: trx })))
  clearCatalogCache()
}

/** Rejects a proposal with a note the producer reads (required). */
export async function rejectProposal(ctx: Ctx, input: { id: string; note: string }): Promise<void> {
  const note = input.note.trim()
  if (!note) throw new AppError('VALIDATION_FAILED', 'Expliquez au producteur pourquoi la proposition est refusée.', { fields: { note: 'Expliquez au producteur pourquoi la proposition est refusée.' } })
  if (note.length > 2000) throw new AppError('VALIDATION_FAILED', 'La note : 2000 caractères au plus.', { fields: { note: 'La note : 2000 caractères au plus.' } })
  await ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const proposal = await lockPending(tx, input.id)
    await decide(tx, proposal.id, 'rejected', note)
  })
}

async function decide(tx: Ctx, id: string, status: 'approved' | 'rejected', note: string | null): Promise<void> {
  const staffId = tx.actor.kind === 'staff' ? tx.actor.staffId : null
  await portalDb(tx.db).updateTable('content_proposals').set({ status, review_note: note, reviewed_by: staffId, reviewed_at: tx.now }).where('id', '=', id).execute()
  await recordAudit(tx, { action: `portal.proposal_${status}`, entityType: 'content_proposal', entityId: id, before: { status: 'pending' }, after: { status, note } })
}
