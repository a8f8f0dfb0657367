import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { recordAudit } from '../audit/index.ts'
import { invalid, parseInput, type FieldError } from './fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { lockProducer, staffIdOf } from './staff-of.ts'
import { sourcingDb } from './tables.ts'

export const ScoreProducerInput = z.object({
  producerId: z.string().min(1).max(64),
  /** per criterion code: the score typed ('' leaves it as it is) and a note */
  scores: z.record(z.string(), z.object({ score: z.string().trim().max(3), note: z.string().trim().max(2000, 'Note : 2 000 caractères au plus.').optional() })),
})
export type ScoreProducerInput = z.input<typeof ScoreProducerInput>

/** Records the team's scores on the grid (one per criterion, the latest kept; the audit log keeps the earlier ones). */
export async function scoreProducer(ctx: Ctx, raw: ScoreProducerInput): Promise<{ changed: number }> {
  const input = parseInput(ScoreProducerInput, raw)
  const staffId = staffIdOf(ctx)
  return inTransaction(ctx, async (tx) => {
    await lockProducer(tx, input.producerId)
    const db = sourcingDb(tx.db)
    const criteria = await db.selectFrom('scoring_criteria').selectAll().where('active', '=', true).orderBy('position').execute()
    const before = await db.selectFrom('producer_scores').selectAll().where('producer_id', '=', input.producerId).execute()
    const errors: FieldError[] = []
    const writes: { code: string; score: number; note: string | null }[] = []
    for (const [code] of Object.entries(input.scores)) if (!criteria.some((c) => c.code === code)) errors.push({ path: `score_${code}`.slice(0, 60), message: 'Critère inconnu.' })
    for (const c of criteria) {
      const given = input.scores[c.code]
      if (!given || given.score === '') continue
      const n = /^[0-9]{1,2}$/.test(given.score) ? Number(given.score) : NaN
      if (!(n >= 0 && n <= c.max_score)) errors.push({ path: `score_${c.code}`, message: `${c.label_fr} : une note entière de 0 à ${c.max_score}.` })
      else writes.push({ code: c.code, score: n, note: given.note ? given.note : null })
    }
    if (errors.length) invalid(errors)
    if (!writes.length) invalid([{ path: 'form', message: 'Donnez au moins une note.' }])
    const changed = writes.filter((w) => {
      const b = before.find((x) => x.criterion_code === w.code)
      return !b || b.score !== w.score || (b.note ?? null) !== w.note
    })
    if (changed.length) {
      await db.insertInto('producer_scores')
        .values(changed.map((w) => ({ producer_id: input.producerId, criterion_code: w.code, score: w.score, note: w.note, staff_id: staffId, scored_at: ctx.now })))
        .onConflict((oc) => oc.columns(['producer_id', 'criterion_code']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), note: eb.ref('excluded.note'), staff_id: eb.ref('excluded.staff_id'), scored_at: eb.ref('excluded.scored_at') })))
        .execute()
      await recordAudit(tx, {
        action: 'sourcing.scored', entityType: 'producer', entityId: input.producerId,
        before: Object.fromEntries(before.map((b) => [b.criterion_code, { score: b.score, note: b.note }])),
        after: Object.fromEntries([...before.map((b) => [b.criterion_code, { score: b.score, note: b.note }] as const), ...changed.map((w) => [w.code, { score: w.score, note: w.note }] as const)]),
      })
    }
    return { changed: changed.length }
  })
}
