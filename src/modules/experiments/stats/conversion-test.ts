/**
 * Two-sample comparison of a conversion rate (binomial).
 * - Confidence intervals: unpooled (Wald) standard error √(p̂A(1−p̂A)/nA + p̂B(1−p̂B)/nB) for the
 *   difference; delta method for the lift p̂B/p̂A − 1 (see effect.ts).
 * - p-value: the classic pooled two-proportion z-test (H0: pA = pB, so the null variance uses the
 *   pooled rate), as statsmodels' proportions_ztest and Pearson's χ² without continuity correction.
 *   The relative effect's p-value is the Wald test of its own delta-method interval (gbstats).
 */
import { twoSidedNormalP } from './distributions.ts'
import { compareEstimates, type Comparison } from './effect.ts'
import { requireAlpha, requireCount } from './validate.ts'

export type ConversionCounts = { visitors: number; conversions: number }

export type ConversionComparison = Comparison & {
  control: { rate: number; visitors: number }
  treatment: { rate: number; visitors: number }
  /** pooled z statistic of the test */
  z: number
}

export function checkConversionCounts(label: string, c: ConversionCounts): void {
  requireCount(`${label}.visitors`, c.visitors, 1)
  requireCount(`${label}.conversions`, c.conversions, 0)
  if (c.conversions > c.visitors) throw new RangeError(`${label}: conversions (${c.conversions}) exceed visitors (${c.visitors})`)
}

/** Rate and variance of the rate estimate p(1−p)/n. */
export function rateEstimate(c: ConversionCounts): { value: number; variance: number; n: number } {
  const p = c.conversions / c.visitors
  return { value: p, variance: (p * (1 - p)) / c.visitors, n: c.visitors }
}

export function compareConversions(control: ConversionCounts, treatment: ConversionCounts, options: { alpha?: number } = {}): ConversionComparison {
  const alpha = options.alpha ?? 0.05
  requireAlpha(alpha)
  checkConversionCounts('control', control)
  checkConversionCounts('treatment', treatment)
  const a = rateEstimate(control)
  const b = rateEstimate(treatment)
  const base = compareEstimates(a, b, alpha, 'z')
  const pooled = (control.conversions + treatment.conversions) / (control.visitors + treatment.visitors)
  const nullSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.visitors + 1 / treatment.visitors))
  const diff = b.value - a.value
  // all-or-nothing data (pooled rate 0 or 1): no evidence of any difference
  const z = nullSe > 0 ? diff / nullSe : 0
  return {
    ...base,
    absolute: { ...base.absolute, pValue: twoSidedNormalP(z) },
    control: { rate: a.value, visitors: control.visitors },
    treatment: { rate: b.value, visitors: treatment.visitors },
    z,
  }
}

/** One look of a sequential test on a conversion metric: the rate difference and its (unpooled) variance. */
export function conversionLook(control: ConversionCounts, treatment: ConversionCounts): { estimate: number; variance: number } {
  checkConversionCounts('control', control)
  checkConversionCounts('treatment', treatment)
  const a = rateEstimate(control)
  const b = rateEstimate(treatment)
  return { estimate: b.value - a.value, variance: a.variance + b.variance }
}
