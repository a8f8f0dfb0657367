import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { divRound } from '../../kernel/money.ts'
import type { Experiment } from './get-experiment.ts'
import {
  alwaysValidSequence, bayesConversions, bayesMeans, checkSampleRatio, compareConversions, compareCuped, compareMeans, mixingVarianceFor,
  type BayesianResult, type Comparison, type CupedComparison, type Look, type SequentialLook, type SrmResult,
} from './stats/index.ts'
import type { Metric } from './tables.ts'

export type Sums = { n: number; conv: number; atc: number; y: number; y2: number; x: number; x2: number; xy: number }

export type VariantFigures = {
  key: string
  name: string
  weight: number
  visitors: number
  conversions: number
  addToCarts: number
  revenueCents: number
  conversionRate: number | null
  revenuePerVisitorCents: number | null
  /** progress toward the minimum sample per variant, 0..1 (null without a minimum) */
  progress: number | null
}

export type MetricResult = {
  metric: Metric
  /** frequentist comparison vs control (absolute in rate or cents per visitor; relative lift) */
  comparison: Comparison | null
  bayes: BayesianResult | null
  /** always-valid (mSPRT) p-value and interval of the absolute effect, over daily looks */
  sequential: SequentialLook | null
  /** revenue per visitor only: CUPED with the 28 days before exposure */
  cuped: CupedComparison | null
}

export type VariantVsControl = { variantKey: string; primary: MetricResult | null; guardrails: MetricResult[] }

export type Analysis = {
  variants: VariantFigures[]
  comparisons: VariantVsControl[]
  srm: SrmResult | null
  minSamplePerVariant: number | null
  /** min over variants of visitors / minimum: the test has enough data at 1 */
  progress: number | null
}

const safe = <T>(f: () => T): T | null => {
  try {
    return f()
  } catch {
    return null // too little data for this method yet (the stats engine refuses with a RangeError)
  }
}

/** One variant's totals over the visitors first exposed on one UTC day. */
export type DailySums = { variant: string; day: string; s: Sums }

/**
 * The experiment_daily rows (one per variant and UTC day of first exposure, kept exact by the roll-up):
 * a few hundred rows whatever the traffic, so daily looks accumulate without reading the visitors.
 */
async function dailySums(ctx: Ctx, experimentId: string): Promise<DailySums[]> {
  const r = await sql<{ variant_key: string; day: string } & Sums>`
    SELECT variant_key, to_char(day, 'YYYY-MM-DD') AS day, visitors AS n, conversions AS conv, add_to_cart_visitors AS atc,
           revenue_cents::float8 AS y, revenue_squares::float8 AS y2, pre_revenue_cents::float8 AS x, pre_revenue_squares::float8 AS x2, revenue_x_pre::float8 AS xy
      FROM experiment_daily WHERE experiment_id = ${experimentId} ORDER BY day, variant_key`.execute(ctx.db)
  return r.rows.map((row) => ({ variant: row.variant_key, day: row.day, s: { n: row.n, conv: row.conv, atc: row.atc, y: row.y, y2: row.y2, x: row.x, x2: row.x2, xy: row.xy } }))
}

const add = (a: Sums, b: Sums): Sums => ({ n: a.n + b.n, conv: a.conv + b.conv, atc: a.atc + b.atc, y: a.y + b.y, y2: a.y2 + b.y2, x: a.x + b.x, x2: a.x2 + b.x2, xy: a.xy + b.xy })
const ZERO: Sums = { n: 0, conv: 0, atc: 0, y: 0, y2: 0, x: 0, x2: 0, xy: 0 }

/** The effect estimate and its variance for one metric (conversion-like: difference of rates; revenue: of means). */
function look(metric: Metric, a: Sums, b: Sums): Look | null {
  if (a.n < 2 || b.n < 2) return null
  if (metric === 'revenue_per_visitor') {
    const v = (s: Sums) => (s.y2 - (s.y * s.y) / s.n) / (s.n - 1) / s.n
    return { estimate: b.y / b.n - a.y / a.n, variance: v(a) + v(b) }
  }
  const k = (s: Sums) => (metric === 'conversion' ? s.conv : s.atc)
  const pa = k(a) / a.n
  const pb = k(b) / b.n
  return { estimate: pb - pa, variance: (pa * (1 - pa)) / a.n + (pb * (1 - pb)) / b.n }
}

function metricResult(metric: Metric, e: Experiment, a: Sums, b: Sums, looksA: Sums[], looksB: Sums[]): MetricResult {
  const alpha = e.alpha
  const counts = (s: Sums) => ({ visitors: s.n, conversions: metric === 'conversion' ? s.conv : s.atc })
  const means = (s: Sums) => ({ n: s.n, sum: s.y, sumSquares: s.y2 })
  const cupedStats = (s: Sums) => ({ n: s.n, sumY: s.y, sumSquaresY: s.y2, sumX: s.x, sumSquaresX: s.x2, sumXY: s.xy })
  const revenue = metric === 'revenue_per_visitor'
  const comparison = safe(() => (revenue ? compareMeans(means(a), means(b), { alpha }) : compareConversions(counts(a), counts(b), { alpha })))
  const bayes = safe(() => (revenue ? bayesMeans(means(a), means(b)) : bayesConversions(counts(a), counts(b))))
  const looks = looksA.map((la, i) => look(metric, la, looksB[i]!)).filter((l): l is Look => l !== null && l.variance > 0)
  const last = looks.at(-1)
  const planned = e.minSamplePerVariant ? 2 * e.minSamplePerVariant : a.n + b.n
  const sequential = last ? safe(() => alwaysValidSequence(looks, { alpha, tau2: mixingVarianceFor({ plannedSampleSize: planned, unitVariance: last.variance * (a.n + b.n), alpha }) }).at(-1) ?? null) : null
  const cuped = revenue ? safe(() => compareCuped(cupedStats(a), cupedStats(b), { alpha })) : null
  return { metric, comparison, bayes, sequential, cuped }
}

/** The analysis page's numbers, from the experiment_daily roll-up (refreshVisitors keeps it current). */
export async function analyseExperiment(ctx: Ctx, e: Experiment): Promise<Analysis> {
  return analysisOf(e, await dailySums(ctx, e.id))
}

/** The analysis from per-variant, per-day totals (pure: the tests feed it totals computed from raw rows). */
export function analysisOf(e: Experiment, rows: DailySums[]): Analysis {
  const byKey = new Map(rows.map((r) => [`${r.variant}|${r.day}`, r.s]))
  const days = [...new Set(rows.map((r) => r.day))].sort()
  // cumulative sums per variant at the end of each day
  const cumulative = new Map(e.variants.map((v) => {
    let acc = ZERO
    return [v.key, days.map((d) => (acc = add(acc, byKey.get(`${v.key}|${d}`) ?? ZERO)))] as const
  }))
  const totals = new Map(e.variants.map((v) => [v.key, cumulative.get(v.key)!.at(-1) ?? ZERO]))
  const min = e.minSamplePerVariant
  const variants: VariantFigures[] = e.variants.map((v) => {
    const s = totals.get(v.key)!
    return {
      key: v.key, name: v.name, weight: v.weight, visitors: s.n, conversions: s.conv, addToCarts: s.atc, revenueCents: s.y,
      conversionRate: s.n ? s.conv / s.n : null, revenuePerVisitorCents: s.n ? divRound(s.y, s.n) : null,
      progress: min ? Math.min(1, s.n / min) : null,
    }
  })
  const control = e.variants[0]!
  const comparisons = e.variants.slice(1).map((v) => {
    const [a, b] = [totals.get(control.key)!, totals.get(v.key)!]
    const [la, lb] = [cumulative.get(control.key)!, cumulative.get(v.key)!]
    return {
      variantKey: v.key,
      primary: e.primaryMetric ? metricResult(e.primaryMetric, e, a, b, la, lb) : null,
      guardrails: e.guardrailMetrics.map((m) => metricResult(m, e, a, b, la, lb)),
    }
  })
  const weighted = e.variants.filter((v) => v.weight > 0)
  const srm = safe(() => checkSampleRatio(weighted.map((v) => totals.get(v.key)!.n), weighted.map((v) => v.weight)))
  const progress = min ? Math.min(...variants.filter((v) => v.weight > 0).map((v) => v.progress ?? 0)) : null
  return { variants, comparisons, srm, minSamplePerVariant: min, progress }
}
