import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { recordAudit } from '../audit/index.ts'
import { parseInput } from './fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { lockProducer, staffIdOf } from './staff-of.ts'
import { sourcingDb } from './tables.ts'

export const AddPipelineNoteInput = z.object({
  producerId: z.string().min(1).max(64),
  note: z.string().trim().min(1, 'Écrivez la note.').max(4000, 'Note : 4 000 caractères au plus.'),
})

/** A dated note in the producer's selection history (a call, a tasting, a visit). */
export async function addPipelineNote(ctx: Ctx, raw: z.input<typeof AddPipelineNoteInput>): Promise<void> {
  const input = parseInput(AddPipelineNoteInput, raw)
  const staffId = staffIdOf(ctx)
  await inTransaction(ctx, async (tx) => {
    await lockProducer(tx, input.producerId)
    await sourcingDb(tx.db).insertInto('producer_pipeline_events').values({ producer_id: input.producerId, from_status: null, to_status: null, note: input.note, staff_id: staffId, created_at: ctx.now }).execute()
    await recordAudit(tx, { action: 'sourcing.note_added', entityType: 'producer', entityId: input.producerId, after: { note: input.note } })
  })
}
