import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import type { ExperimentKind, ExperimentStatus, Metric, Surface, Targeting, VariantConfig } from './tables.ts'
import { experimentsDb } from './tables.ts'

export type Variant = { key: string; name: string; weight: number; config: VariantConfig }

export type Experiment = {
  id: string
  key: string
  name: string
  hypothesis: string
  kind: ExperimentKind
  surface: Surface
  targeting: Targeting
  primaryMetric: Metric | null
  guardrailMetrics: Metric[]
  baselineRate: number | null
  mde: number | null
  alpha: number
  power: number
  minSamplePerVariant: number | null
  status: ExperimentStatus
  startedAt: Date | null
  stoppedAt: Date | null
  ownerStaffId: string | null
  version: number
  /** in bucket order, the first is the control */
  variants: Variant[]
}

/** One experiment with its variants, or null. */
export async function getExperiment(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<Experiment | null> {
  const db = experimentsDb(ctx.db)
  let q = db.selectFrom('experiments').selectAll().where('id', '=', id)
  if (opts.forUpdate) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  if (!row) return null
  const variants = await db.selectFrom('experiment_variants').selectAll().where('experiment_id', '=', id).orderBy('position').execute()
  return {
    id: row.id, key: row.key, name: row.name, hypothesis: row.hypothesis, kind: row.kind, surface: row.surface,
    targeting: row.targeting, primaryMetric: row.primary_metric, guardrailMetrics: row.guardrail_metrics as Metric[],
    baselineRate: row.baseline_rate, mde: row.mde, alpha: row.alpha, power: row.power, minSamplePerVariant: row.min_sample_per_variant,
    status: row.status, startedAt: row.started_at, stoppedAt: row.stopped_at, ownerStaffId: row.owner_staff_id, version: row.version,
    variants: variants.map((v) => ({ key: v.key, name: v.name, weight: Number(v.weight), config: v.config })),
  }
}

export type ExperimentSummary = Pick<Experiment, 'id' | 'key' | 'name' | 'kind' | 'surface' | 'status' | 'primaryMetric' | 'startedAt' | 'stoppedAt' | 'minSamplePerVariant'> & { visitors: number }

/** Every experiment, running first then drafts then stopped, newest first, with its exposed visitors so far. */
export async function listExperiments(ctx: Ctx): Promise<ExperimentSummary[]> {
  const rows = await experimentsDb(ctx.db).selectFrom('experiments as e')
    .select((eb) => ['e.id', 'e.key', 'e.name', 'e.kind', 'e.surface', 'e.status', 'e.primary_metric', 'e.started_at', 'e.stopped_at', 'e.min_sample_per_variant',
      // exposed visitors from the per-day totals (a few rows per experiment), not one row per visitor
      sql<number>`(SELECT coalesce(sum(d.visitors), 0)::int FROM experiment_daily d WHERE d.experiment_id = ${eb.ref('e.id')})`.as('visitors')])
    .orderBy((eb) => eb.case().when('e.status', '=', 'running').then(0).when('e.status', '=', 'draft').then(1).else(2).end())
    .orderBy('e.created_at', 'desc')
    .limit(500)
    .execute()
  return rows.map((r) => ({
    id: r.id, key: r.key, name: r.name, kind: r.kind, surface: r.surface, status: r.status, primaryMetric: r.primary_metric,
    startedAt: r.started_at, stoppedAt: r.stopped_at, minSamplePerVariant: r.min_sample_per_variant, visitors: Number(r.visitors ?? 0),
  }))
}
