import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { agreementInForce } from '../producers/index.ts'
import type { ProducerStatus } from '../producers/tables.ts'
import { parseInput } from './fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { PIPELINE_STATUSES, pipelineMove, STATUS_LABELS } from './pipeline.ts'
import { weightedTotal } from './scoring.ts'
import { lockProducer, staffIdOf } from './staff-of.ts'
import { sourcingDb } from './tables.ts'

export const MoveProducerInput = z.object({
  producerId: z.string().min(1).max(64),
  to: z.enum(PIPELINE_STATUSES as [ProducerStatus, ...ProducerStatus[]], 'Choisissez l’étape suivante.'),
  note: z.string().trim().max(4000, 'Note : 4 000 caractères au plus.').optional().transform((s) => s || null),
  /** the status the page showed: a move decided on a stale page is refused */
  from: z.string().optional(),
})

/**
 * Moves a producer along the pipeline (transition table in pipeline.ts) with a dated event.
 * Becoming ACTIVE (selling) needs an agreement in force today and the whole grid scored.
 */
export async function moveProducer(ctx: Ctx, raw: z.input<typeof MoveProducerInput>): Promise<{ from: ProducerStatus; to: ProducerStatus }> {
  const input = parseInput(MoveProducerInput, raw)
  const staffId = staffIdOf(ctx)
  return inTransaction(ctx, async (tx) => {
    const p = await lockProducer(tx, input.producerId)
    if (input.from && input.from !== p.status) throw new AppError('CONFLICT', `Ce producteur est passé à l’étape « ${STATUS_LABELS[p.status]} » entre-temps : rechargez la page.`)
    const check = pipelineMove(p.status, input.to)
    if (!check.ok) {
      const allowed = check.allowed.map((s) => `« ${STATUS_LABELS[s]} »`).join(' ou ')
      throw new AppError('CONFLICT', `Un producteur à l’étape « ${STATUS_LABELS[p.status]} » ne peut pas passer à « ${STATUS_LABELS[input.to]} »${allowed ? ` : seulement ${allowed}` : ' : cette étape est finale'}.`, [{ path: 'to', message: 'Étape non permise' }])
    }
    if (input.to === 'ACTIVE') {
      const db = sourcingDb(tx.db)
      const today = isoDay(ctx.now)
      const problems: string[] = []
      if (!(await agreementInForce(tx, p.id, today))) problems.push(`aucun accord n’est en vigueur au ${today} (ajoutez-en un ci-dessous)`)
      const grid = await db.selectFrom('scoring_criteria as c')
        .leftJoin('producer_scores as s', (j) => j.onRef('s.criterion_code', '=', 'c.code').on('s.producer_id', '=', p.id))
        .select(['c.code', 'c.weight', 'c.max_score', 's.score']).where('c.active', '=', true).execute()
      const score = weightedTotal(grid.map((g) => ({ code: g.code, weight: g.weight, maxScore: g.max_score, score: g.score ?? null })))
      if (!score.complete) problems.push(`la grille n’est pas complète (${score.scored} critère${score.scored > 1 ? 's' : ''} noté${score.scored > 1 ? 's' : ''} sur ${grid.length})`)
      if (problems.length) throw new AppError('CONFLICT', `Ce producteur ne peut pas devenir actif : ${problems.join(' ; ')}.`, problems.map((m) => ({ path: 'to', message: m })))
    }
    await sourcingDb(tx.db).updateTable('producers').set({ status: input.to, updated_at: ctx.now }).where('id', '=', p.id).execute()
    await sourcingDb(tx.db).insertInto('producer_pipeline_events').values({ producer_id: p.id, from_status: p.status, to_status: input.to, note: input.note, staff_id: staffId, created_at: ctx.now }).execute()
    await recordAudit(tx, { action: 'sourcing.status_changed', entityType: 'producer', entityId: p.id, before: { status: p.status }, after: { status: input.to }, reason: input.note })
    return { from: p.status, to: input.to }
  })
}
