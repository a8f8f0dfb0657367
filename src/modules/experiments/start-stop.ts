import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { getExperiment, type Experiment } from './get-experiment.ts'
import { clearRunningExperiments } from './running.ts'
import { definitionErrors, ExperimentInput, invalid, startErrors } from './rules.ts'
import { newDecisionId } from './save-experiment.ts'
import { experimentsDb } from './tables.ts'

async function lockedOr404(ctx: Ctx, id: string): Promise<Experiment> {
  const e = await getExperiment(ctx, id, { forUpdate: true })
  if (!e) throw new AppError('NOT_FOUND', 'Cette expérience n’existe pas.')
  return e
}

/** Starts a draft: it must still pass every rule, and have a primary metric (experiments). Audited. */
export async function startExperiment(ctx: Ctx, id: string): Promise<Experiment> {
  const after = await ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const e = await lockedOr404(tx, id)
    if (e.status === 'running') throw new AppError('CONFLICT', 'Cette expérience est déjà en cours.')
    if (e.status === 'stopped') throw new AppError('CONFLICT', 'Une expérience arrêtée ne redémarre pas (ses visiteurs sont déjà comptés) : créez-en une nouvelle.')
    if (e.surface !== 'flag') {
      const busy = await experimentsDb(trx).selectFrom('experiments').select('key').where('status', '=', 'running').where('surface', '=', e.surface).executeTakeFirst()
      if (busy) throw new AppError('CONFLICT', `L’expérience « ${busy.key} » teste déjà cet emplacement : arrêtez-la d’abord (deux tests au même endroit se mélangeraient).`)
    }
    const errors = [...startErrors(e), ...definitionErrors(ExperimentInput.parse({ ...e, variants: e.variants }))]
    if (errors.length) invalid(errors)
    await experimentsDb(trx).updateTable('experiments').set({ status: 'running', started_at: ctx.now, updated_at: ctx.now, version: e.version + 1 }).where('id', '=', id).execute()
    const after = (await getExperiment(tx, id))!
    await recordAudit(tx, { action: 'experiments.started', entityType: 'experiment', entityId: id, before: { status: e.status }, after: { status: 'running', startedAt: ctx.now.toISOString() } })
    return after
  })
  clearRunningExperiments()
  return after
}

export type StopInput = { decision?: 'ship' | 'kill' | 'iterate' | null; learning?: string | null; reason?: string | null }

/** Stops a running experiment: every visitor sees the control again. The decision may come with it or later. Audited. */
export async function stopExperiment(ctx: Ctx, id: string, input: StopInput = {}): Promise<Experiment> {
  const after = await ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const e = await lockedOr404(tx, id)
    if (e.status !== 'running') throw new AppError('CONFLICT', e.status === 'draft' ? 'Cette expérience n’a pas démarré.' : 'Cette expérience est déjà arrêtée.')
    await experimentsDb(trx).updateTable('experiments').set({ status: 'stopped', stopped_at: ctx.now, updated_at: ctx.now, version: e.version + 1 }).where('id', '=', id).execute()
    await recordAudit(tx, { action: 'experiments.stopped', entityType: 'experiment', entityId: id, before: { status: e.status }, after: { status: 'stopped', stoppedAt: ctx.now.toISOString() }, reason: input.reason ?? null })
    if (input.decision) await insertDecision(tx, e, input.decision, input.learning ?? '')
    return (await getExperiment(tx, id))!
  })
  clearRunningExperiments()
  return after
}

const DECISIONS = ['ship', 'kill', 'iterate'] as const

async function insertDecision(ctx: Ctx, e: Experiment, decision: string, learning: string): Promise<string> {
  const errors = []
  if (!(DECISIONS as readonly string[]).includes(decision)) errors.push({ path: 'decision', message: 'Décision : déployer, abandonner ou itérer' })
  if (!learning.trim()) errors.push({ path: 'learning', message: 'Écrivez ce que l’expérience a appris (obligatoire)' })
  if (learning.length > 8000) errors.push({ path: 'learning', message: 'L’apprentissage : 8000 caractères au plus' })
  if (errors.length) invalid(errors)
  const id = newDecisionId()
  await experimentsDb(ctx.db).insertInto('experiment_decisions').values({
    id, experiment_id: e.id, decision: decision as (typeof DECISIONS)[number], hypothesis: e.hypothesis, learning: learning.trim(),
    decided_by: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, decided_at: ctx.now,
  }).execute()
  await recordAudit(ctx, { action: 'experiments.decided', entityType: 'experiment', entityId: e.id, after: { decision, learning: learning.trim() } })
  return id
}

/** Records the decision of a stopped experiment (the journal keeps every one, newest last). */
export async function recordDecision(ctx: Ctx, id: string, input: { decision: string; learning: string }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const e = await lockedOr404(tx, id)
    if (e.status !== 'stopped') throw new AppError('CONFLICT', 'Arrêtez l’expérience avant de consigner la décision.')
    await insertDecision(tx, e, input.decision, input.learning)
  })
}

export type JournalEntry = { experimentId: string; key: string; name: string; decision: string; hypothesis: string; learning: string; decidedAt: Date; decidedBy: string | null }

/** The decision journal, newest first; `q` searches hypotheses and learnings in French (stemmed, e.g. "livraisons" finds "livraison"). */
export async function searchJournal(ctx: Ctx, q: string | null | undefined): Promise<JournalEntry[]> {
  const query = (q ?? '').trim().slice(0, 200)
  const r = await sql<{ experiment_id: string; key: string; name: string; decision: string; hypothesis: string; learning: string; decided_at: Date; decided_by: string | null }>`
    SELECT d.experiment_id, e.key, e.name, d.decision, d.hypothesis, d.learning, d.decided_at, s.name AS decided_by
      FROM experiment_decisions d JOIN experiments e ON e.id = d.experiment_id LEFT JOIN staff_users s ON s.id = d.decided_by
     WHERE ${query ? sql`d.search @@ websearch_to_tsquery('french', ${query})` : sql`true`}
     ORDER BY ${query ? sql`ts_rank(d.search, websearch_to_tsquery('french', ${query})) DESC,` : sql``} d.decided_at DESC
     LIMIT 200`.execute(ctx.db)
  return r.rows.map((x) => ({ experimentId: x.experiment_id, key: x.key, name: x.name, decision: x.decision, hypothesis: x.hypothesis, learning: x.learning, decidedAt: x.decided_at, decidedBy: x.decided_by }))
}

/** The decisions of one experiment, oldest first. */
export async function decisionsOf(ctx: Ctx, id: string): Promise<JournalEntry[]> {
  return (await searchJournal(ctx, null)).filter((d) => d.experimentId === id).reverse()
}
