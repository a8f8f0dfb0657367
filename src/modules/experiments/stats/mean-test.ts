/**
 * Continuous metrics (revenue per visitor) from sufficient statistics: Welch's unequal-variance
 * t-test on the difference of means (Welch–Satterthwaite degrees of freedom), and the lift by the
 * delta method — the same definitions as GrowthBook's gbstats TwoSidedTTest.
 */
import { compareEstimates, type Comparison } from './effect.ts'
import { checkMeanStats, meanAndVariance, type MeanStats } from './moments.ts'
import { requireAlpha } from './validate.ts'

export type MeanComparison = Comparison & {
  control: { mean: number; standardDeviation: number; n: number }
  treatment: { mean: number; standardDeviation: number; n: number }
}

export function meanEstimate(s: MeanStats): { value: number; variance: number; n: number; sd: number } {
  const { mean, variance } = meanAndVariance(s)
  return { value: mean, variance: variance / s.n, n: s.n, sd: Math.sqrt(variance) }
}

export function compareMeans(control: MeanStats, treatment: MeanStats, options: { alpha?: number } = {}): MeanComparison {
  const alpha = options.alpha ?? 0.05
  requireAlpha(alpha)
  checkMeanStats('control', control)
  checkMeanStats('treatment', treatment)
  const a = meanEstimate(control)
  const b = meanEstimate(treatment)
  return {
    ...compareEstimates(a, b, alpha, 't'),
    control: { mean: a.value, standardDeviation: a.sd, n: a.n },
    treatment: { mean: b.value, standardDeviation: b.sd, n: b.n },
  }
}
