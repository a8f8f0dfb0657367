import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { getOwnProduct } from './list-product-stock.ts'
import type { ProducerScope } from './scope.ts'
import { portalDb } from './tables.ts'

/** The product texts a producer may propose (products columns), with their French labels and limits. */
export const PROPOSABLE_FIELDS = {
  name_fr: { label: 'Nom (français)', max: 200, required: true },
  name_en: { label: 'Nom (anglais)', max: 200, required: true },
  description_fr: { label: 'Description (français)', max: 5000, required: false },
  description_en: { label: 'Description (anglais)', max: 5000, required: false },
} as const
export type ProposableField = keyof typeof PROPOSABLE_FIELDS
export const PROPOSABLE_KEYS = Object.keys(PROPOSABLE_FIELDS) as ProposableField[]

const field = (f: ProposableField) => {
  const spec = PROPOSABLE_FIELDS[f]
  return z
    .string()
    .max(spec.max, `${spec.label} : ${spec.max} caractères au plus.`)
    .refine((s) => !s.includes('\u0000'), `${spec.label} contient un caractère interdit.`)
    .refine((s) => !spec.required || s.trim() !== '', `${spec.label} est obligatoire.`)
    .optional()
}

export const ProposeTextsInput = z.object({
  name_fr: field('name_fr'),
  name_en: field('name_en'),
  description_fr: field('description_fr'),
  description_en: field('description_en'),
  message: z.string().max(2000, 'Le message : 2000 caractères au plus.').optional(),
})

export type PortalProposal = {
  id: string
  productId: string
  productName: string
  changes: Partial<Record<ProposableField, string | null>>
  imageIds: string[]
  message: string | null
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn'
  reviewNote: string | null
  reviewedAt: Date | null
  createdAt: Date
}

const normalized = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v)

/**
 * Records a proposal for one of the producer's products: only the texts that differ from the
 * current ones, and/or stored pictures (media.uploadImage). Another producer's product is
 * NOT_FOUND; a proposal that changes nothing is refused. Pending until an e-merchandiser decides.
 */
export async function proposeContent(
  ctx: Ctx,
  scope: ProducerScope,
  input: { productId: string; producerUserId: string; texts?: z.input<typeof ProposeTextsInput>; imageIds?: string[] },
): Promise<{ id: string }> {
  const product = await getOwnProduct(ctx, scope, input.productId)
  if (!product) throw new AppError('NOT_FOUND', 'Ce produit n’existe pas.')
  const parsed = ProposeTextsInput.safeParse(input.texts ?? {})
  if (!parsed.success) {
    const fields: Record<string, string> = {}
    for (const i of parsed.error.issues) fields[String(i.path[0] ?? 'form')] ??= i.message
    throw new AppError('VALIDATION_FAILED', Object.values(fields).join(' '), { fields })
  }
  const changes: Partial<Record<ProposableField, string | null>> = {}
  for (const key of PROPOSABLE_KEYS) {
    const proposed = parsed.data[key]
    if (proposed === undefined) continue
    if (normalized(proposed) !== normalized(product[key])) changes[key] = normalized(proposed)
  }
  const imageIds = [...new Set(input.imageIds ?? [])]
  if (!Object.keys(changes).length && !imageIds.length) throw new AppError('VALIDATION_FAILED', 'Rien à proposer : les textes sont identiques à ceux du site.', { fields: { form: 'Rien à proposer : les textes sont identiques à ceux du site.' } })
  const id = newId('cpr')
  await ctx.db.transaction().execute(async (trx) => {
    await portalDb(trx)
      .insertInto('content_proposals')
      .values({ id, producer_id: scope.producerId, product_id: product.id, proposed_by: input.producerUserId, changes: JSON.stringify(changes), image_ids: imageIds, message: normalized(parsed.data.message), status: 'pending', created_at: ctx.now })
      .execute()
    await recordAudit({ ...ctx, db: trx }, { action: 'portal.content_proposed', entityType: 'content_proposal', entityId: id, before: null, after: { productId: product.id, fields: Object.keys(changes), images: imageIds.length } })
  })
  return { id }
}

/** The producer's proposals, newest first (all products, or one). */
export async function listOwnProposals(ctx: Ctx, scope: ProducerScope, opts: { productId?: string } = {}): Promise<PortalProposal[]> {
  let q = portalDb(ctx.db)
    .selectFrom('content_proposals as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .select(['c.id', 'c.product_id', 'p.name_fr', 'c.changes', 'c.image_ids', 'c.message', 'c.status', 'c.review_note', 'c.reviewed_at', 'c.created_at'])
    .where('c.producer_id', '=', scope.producerId)
    .where('p.producer_id', '=', scope.producerId)
  if (opts.productId) q = q.where('c.product_id', '=', opts.productId)
  const rows = await q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(200).execute()
  return rows.map((r) => ({
    id: r.id, productId: r.product_id, productName: r.name_fr, changes: r.changes, imageIds: r.image_ids, message: r.message, status: r.status,
    reviewNote: r.review_note, reviewedAt: r.reviewed_at, createdAt: r.created_at,
  }))
}
