/**
 * CUPED — Controlled-experiment Using Pre-Experiment Data (Deng, Xu, Kohavi & Walker, WSDM 2013).
 * Each unit's metric Y is adjusted by its pre-period value X: Y − θ(X − E[X]) with
 * θ = Cov(Y, X) / Var(X), estimated once, pooled over the variants (within-variant sums of
 * squares and products, so a treatment effect on Y does not leak into θ). The adjusted means are
 * unbiased (X is measured before assignment) and their variance shrinks by the factor 1 − ρ².
 * From sufficient statistics per variant: n, ΣY, ΣY², ΣX, ΣX², ΣXY. θ is then treated as known
 * (as in the paper); the lift is adjusted B / adjusted A − 1 by the delta method (effect.ts).
 */
import { compareEstimates, type Comparison } from './effect.ts'
import { checkPairedSums, sampleCovariance, type RatioStats } from './moments.ts'
import { requireAlpha, requireFinite } from './validate.ts'

/** Same sums as a ratio metric: Y = the metric in the experiment, X = the same metric before it. */
export type CupedStats = RatioStats

export type CupedComparison = Comparison & {
  theta: number
  /** pooled within-variant correlation² of Y and X */
  rhoSquared: number
  /** 1 − ρ²: expected variance of the adjusted estimate relative to the plain one */
  varianceReduction: number
  control: { adjustedMean: number; mean: number }
  treatment: { adjustedMean: number; mean: number }
  /** the comparison without adjustment, for display side by side */
  unadjusted: Comparison
}

function moments(s: CupedStats) {
  return {
    vy: sampleCovariance(s.n, s.sumY, s.sumY, s.sumSquaresY),
    vx: sampleCovariance(s.n, s.sumX, s.sumX, s.sumSquaresX),
    cxy: sampleCovariance(s.n, s.sumY, s.sumX, s.sumXY),
  }
}

export function compareCuped(control: CupedStats, treatment: CupedStats, options: { alpha?: number; theta?: number } = {}): CupedComparison {
  const alpha = options.alpha ?? 0.05
  requireAlpha(alpha)
  checkPairedSums('control', control)
  checkPairedSums('treatment', treatment)
  if (options.theta !== undefined) requireFinite('theta', options.theta)
  const arms = [control, treatment].map((s) => ({ s, m: moments(s) }))
  const df = control.n + treatment.n - 2
  const pooledVx = arms.reduce((t, { s, m }) => t + m.vx * (s.n - 1), 0) / df
  const pooledVy = arms.reduce((t, { s, m }) => t + m.vy * (s.n - 1), 0) / df
  const pooledCxy = arms.reduce((t, { s, m }) => t + m.cxy * (s.n - 1), 0) / df
  const theta = options.theta ?? (pooledVx > 0 ? pooledCxy / pooledVx : 0)
  const rhoSquared = pooledVx > 0 && pooledVy > 0 ? pooledCxy ** 2 / (pooledVx * pooledVy) : 0
  const grandMeanX = (control.sumX + treatment.sumX) / (control.n + treatment.n)
  const [a, b] = arms.map(({ s, m }) => ({
    value: s.sumY / s.n - theta * (s.sumX / s.n - grandMeanX),
    variance: Math.max(0, m.vy + theta ** 2 * m.vx - 2 * theta * m.cxy) / s.n,
    n: s.n,
  })) as [{ value: number; variance: number; n: number }, { value: number; variance: number; n: number }]
  const plain = arms.map(({ s, m }) => ({ value: s.sumY / s.n, variance: m.vy / s.n, n: s.n }))
  return {
    ...compareEstimates(a, b, alpha, 't'),
    theta,
    rhoSquared,
    varianceReduction: 1 - rhoSquared,
    control: { adjustedMean: a.value, mean: control.sumY / control.n },
    treatment: { adjustedMean: b.value, mean: treatment.sumY / treatment.n },
    unadjusted: compareEstimates(plain[0]!, plain[1]!, alpha, 't'),
  }
}
