import type { Ctx } from '../../kernel/ctx.ts'
import { returnsDb } from './tables.ts'

/**
 * An agent's decision on a requested return, guarded by its status in one UPDATE: of two agents
 * deciding at once, one wins and the other gets `changed: false`.
 */
export async function decideReturn(ctx: Ctx, input: { returnId: string; decision: 'approved' | 'rejected'; note: string | null }): Promise<{ changed: boolean }> {
  const staffId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null
  const r = await returnsDb(ctx.db).updateTable('return_requests')
    .set({ status: input.decision, decision_note: input.note, decided_at: ctx.now, decided_by: staffId })
    .where('id', '=', input.returnId).where('status', '=', 'requested')
    .executeTakeFirst()
  return { changed: Number(r.numUpdatedRows) === 1 }
}
