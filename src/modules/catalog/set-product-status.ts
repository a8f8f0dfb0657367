import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { recordAudit } from '../audit/index.ts'
import { expectedVersion, invalid, optionalText, parseInput, recordId } from './edit-fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { ProductStatus } from './product-fields.ts'
import { lockProductVersion } from './product-record.ts'
import { catalogDb } from './tables.ts'

/** Publish (ACTIVE), take back to draft (DRAFT) or archive (ARCHIVED) a product. */
export const SetProductStatusInput = z.object({
  productId: recordId('Le produit est obligatoire'),
  expectedVersion: expectedVersion(),
  status: ProductStatus,
  reason: optionalText('Le motif', 500),
})
export type SetProductStatusInput = z.input<typeof SetProductStatusInput>

/**
 * Changes a product's status with the same version check as any edit. A product goes online only
 * with at least one active variant (else shoppers would find a page with nothing to buy).
 */
export async function setProductStatus(ctx: Ctx, raw: SetProductStatusInput): Promise<{ productId: string; version: number; status: ProductStatus }> {
  const input = parseInput(SetProductStatusInput, raw)
  return inTransaction(ctx, async (tx) => {
    const before = await lockProductVersion(tx, input.productId, input.expectedVersion)
    const db = catalogDb(tx.db)
    if (input.status === 'ACTIVE') {
      const variant = await db.selectFrom('product_variants').select('id').where('product_id', '=', input.productId).where('status', '=', 'ACTIVE').executeTakeFirst()
      if (!variant) invalid([{ path: 'status', message: 'Ajoutez au moins une variante active avant de mettre le produit en ligne' }])
    }
    const row = await db
      .updateTable('products')
      .set({ status: input.status, version: before.version + 1, updated_at: tx.now })
      .where('id', '=', input.productId)
      .returning('version')
      .executeTakeFirstOrThrow()
    await recordAudit(tx, { action: 'catalog.product_status_changed', entityType: 'product', entityId: input.productId, before: { status: before.status }, after: { status: input.status }, reason: input.reason })
    return { productId: input.productId, version: row.version, status: input.status }
  })
}
