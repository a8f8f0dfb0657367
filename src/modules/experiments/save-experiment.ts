import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { getExperiment, type Experiment } from './get-experiment.ts'
import { definitionErrors, ExperimentInput, invalid, minSamplePerVariant, type ValidExperiment } from './rules.ts'
import { experimentsDb } from './tables.ts'
import { clearRunningExperiments } from './running.ts'

// kernel/ids.ts has no 'exp' prefix yet (asked of the lead): same ULID shape, own prefix
export const newExperimentId = (): string => newId('exp')
export const newDecisionId = (): string => newId('exd')

export type SaveExperimentInput = { experimentId?: string | null; expectedVersion?: number | null } & ExperimentInput

/** What a running experiment must keep: its assignment and what it shows (change it = a new experiment). Key order canonical (jsonb reorders keys). */
type Frozen = Pick<ValidExperiment, 'key' | 'kind' | 'surface'> & { targeting: { markets: readonly string[]; devices: readonly string[]; visitor: string }; variants: { key: string; weight: number; config: Record<string, unknown> }[] }
const canonical = (config: Record<string, unknown>) => Object.fromEntries(Object.entries(config).sort(([a], [b]) => a.localeCompare(b)))
const frozen = (e: Frozen) => JSON.stringify({
  key: e.key, kind: e.kind, surface: e.surface,
  targeting: { markets: [...e.targeting.markets].sort(), devices: [...e.targeting.devices].sort(), visitor: e.targeting.visitor },
  variants: e.variants.map((v) => [v.key, Number(v.weight), canonical(v.config)]),
})

/**
 * Creates or edits an experiment. A draft can change freely; a running one keeps its key, surface,
 * targeting, variants and weights (changing them would reassign visitors mid-test: refused, stop it
 * and create a new one); a stopped one is history and is never edited.
 */
export async function saveExperiment(ctx: Ctx, raw: SaveExperimentInput): Promise<Experiment> {
  const parsed = ExperimentInput.safeParse(raw)
  if (!parsed.success) invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
  const input = parsed.data
  const errors = definitionErrors(input)
  if (errors.length) invalid(errors)
  const minSample = minSamplePerVariant(input)
  return ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const db = experimentsDb(trx)
    const before = raw.experimentId ? await getExperiment(tx, raw.experimentId, { forUpdate: true }) : null
    if (raw.experimentId && !before) throw new AppError('NOT_FOUND', 'Cette expérience n’existe pas.')
    if (before && raw.expectedVersion != null && before.version !== raw.expectedVersion) {
      throw new AppError('CONFLICT', 'Cette expérience a été modifiée entre-temps : rechargez la page pour voir la dernière version.')
    }
    if (before?.status === 'stopped') throw new AppError('CONFLICT', 'Une expérience arrêtée ne se modifie plus : créez-en une nouvelle.')
    if (before?.status === 'running' && frozen(input) !== frozen(before)) {
      throw new AppError('CONFLICT', 'Expérience en cours : ses variantes, poids, ciblage et emplacement ne peuvent pas changer. Arrêtez-la puis créez-en une nouvelle.')
    }
    const clash = await db.selectFrom('experiments').select('id').where('key', '=', input.key).where('id', '<>', before?.id ?? '').executeTakeFirst()
    if (clash) invalid([{ path: 'key', message: `La clé « ${input.key} » est déjà celle d’une autre expérience` }])
    const columns = {
      key: input.key, name: input.name, hypothesis: input.hypothesis, kind: input.kind, surface: input.surface,
      targeting: JSON.stringify(input.targeting), primary_metric: input.primaryMetric, guardrail_metrics: input.guardrailMetrics,
      baseline_rate: input.baselineRate, mde: input.mde, alpha: input.alpha, power: input.power, min_sample_per_variant: minSample,
    }
    const id = before?.id ?? newExperimentId()
    if (before) {
      await db.updateTable('experiments').set({ ...columns, version: before.version + 1, updated_at: ctx.now }).where('id', '=', id).execute()
      await db.deleteFrom('experiment_variants').where('experiment_id', '=', id).execute()
    } else {
      await db.insertInto('experiments').values({ id, ...columns, owner_staff_id: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, created_at: ctx.now, updated_at: ctx.now }).execute()
    }
    await db.insertInto('experiment_variants')
      .values(input.variants.map((v, position) => ({ experiment_id: id, key: v.key, name: v.name, position, weight: v.weight, config: JSON.stringify(v.config) })))
      .execute()
    const after = (await getExperiment(tx, id))!
    await recordAudit(tx, { action: before ? 'experiments.updated' : 'experiments.created', entityType: 'experiment', entityId: id, before, after })
    if (before?.status === 'running') clearRunningExperiments()
    return after
  })
}
