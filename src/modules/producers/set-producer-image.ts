import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { producersDb } from './tables.ts'

const id = (message: string) => z.string({ error: message }).min(1, message).max(64, message)

export const SetProducerImageInput = z.object({
  producerId: id('Le producteur est obligatoire'),
  /** a stored picture (media.uploadImage); null takes the portrait off */
  imageId: id('L’image est obligatoire').nullable(),
})
export type SetProducerImageInput = z.input<typeof SetProducerImageInput>

/**
 * Sets the picture shown on a producer's page and cards (`producers.image_id`), with an audit
 * entry in the same transaction. Setting the picture it already has changes nothing.
 */
export async function setProducerImage(ctx: Ctx, raw: SetProducerImageInput): Promise<{ producerId: string; imageId: string | null }> {
  const parsed = SetProducerImageInput.safeParse(raw)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join(' · '))
  const input = parsed.data
  const run = async (tx: Ctx) => {
    const db = producersDb(tx.db)
    const producer = await db.selectFrom('producers').select(['id', 'image_id']).where('id', '=', input.producerId).forUpdate().executeTakeFirst()
    if (!producer) throw new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
    if (producer.image_id === input.imageId) return { producerId: producer.id, imageId: producer.image_id }
    if (input.imageId !== null) {
      const image = await db.selectFrom('images').select('id').where('id', '=', input.imageId).executeTakeFirst()
      if (!image) throw new AppError('NOT_FOUND', 'Cette image n’existe pas.')
    }
    await db.updateTable('producers').set({ image_id: input.imageId, updated_at: tx.now }).where('id', '=', producer.id).execute()
    await recordAudit(tx, { action: 'producers.image_changed', entityType: 'producer', entityId: producer.id, before: { imageId: producer.image_id }, after: { imageId: input.imageId } })
    return { producerId: producer.id, imageId: input.imageId }
  }
  return inTransaction(ctx, run)
}
