/**
 * The shared last step of every frequentist comparison: two independent estimates (a mean, a rate,
 * a ratio) with the variances of those estimates → absolute and relative effects, each with its
 * standard error, confidence interval and two-sided p-value.
 * Relative effect B/A − 1 by the delta method on the ratio of two independent means:
 * Var ≈ V_B / A² + B²·V_A / A⁴ (Deng, Knoblich & Lu 2018, §3), the formula gbstats uses.
 */
import { criticalValue, twoSidedNormalP, twoSidedTP } from './distributions.ts'

export type Interval = readonly [number, number]

export type Effect = {
  estimate: number
  standardError: number
  ci: Interval
  pValue: number
}

export type Comparison = {
  absolute: Effect
  /** null when the control estimate is 0 (a lift over nothing is undefined) */
  relative: Effect | null
  /** degrees of freedom of the t reference (Welch–Satterthwaite), null for a z test */
  degreesOfFreedom: number | null
}

export type Estimate = { value: number; variance: number; n: number }

/** Welch–Satterthwaite degrees of freedom for the difference of two independent estimates. */
export function welchDf(a: Estimate, b: Estimate): number {
  const num = (a.variance + b.variance) ** 2
  const den = a.variance ** 2 / (a.n - 1) + b.variance ** 2 / (b.n - 1)
  return den > 0 ? num / den : Infinity
}

export function effectOf(estimate: number, variance: number, alpha: number, df?: number): Effect {
  const se = Math.sqrt(variance)
  const crit = criticalValue(alpha, df)
  const stat = se > 0 ? estimate / se : estimate === 0 ? 0 : Infinity * Math.sign(estimate)
  const pValue = df === undefined || !Number.isFinite(df) ? twoSidedNormalP(stat) : twoSidedTP(stat, df)
  return { estimate, standardError: se, ci: [estimate - crit * se, estimate + crit * se], pValue }
}

/** Delta-method variance of B/A − 1 for independent estimates (A ≠ 0). */
export function relativeVariance(a: Estimate, b: Estimate): number {
  return b.variance / a.value ** 2 + (b.value ** 2 * a.variance) / a.value ** 4
}

/** Compares treatment b to control a; `reference: 't'` uses Welch degrees of freedom, 'z' the normal. */
export function compareEstimates(a: Estimate, b: Estimate, alpha: number, reference: 't' | 'z'): Comparison {
  const df = reference === 't' ? welchDf(a, b) : undefined
  const absolute = effectOf(b.value - a.value, a.variance + b.variance, alpha, df)
  const relative = a.value === 0 ? null : effectOf(b.value / a.value - 1, relativeVariance(a, b), alpha, df)
  return { absolute, relative, degreesOfFreedom: df ?? null }
}
