/**
 * Ratio metrics whose unit of analysis differs from the unit of randomisation (average order value
 * = revenue / orders, randomised by visitor). The ratio R = ΣY/ΣX of each variant has the
 * delta-method variance (Deng, Knoblich & Lu 2018, "Applying the Delta Method in Metric
 * Analytics", eq. for the ratio of means):
 *   Var(R) ≈ (1/n)·[ σ²_Y/μ²_X − 2·μ_Y·σ_XY/μ³_X + μ²_Y·σ²_X/μ⁴_X ]
 * Variants are independent; effects and Welch t reference as in mean-test.ts.
 */
import { compareEstimates, type Comparison } from './effect.ts'
import { checkRatioStats, sampleCovariance, type RatioStats } from './moments.ts'
import { requireAlpha } from './validate.ts'

export type RatioComparison = Comparison & {
  control: { ratio: number; n: number }
  treatment: { ratio: number; n: number }
}

export function ratioEstimate(s: RatioStats): { value: number; variance: number; n: number } {
  const mx = s.sumX / s.n
  const my = s.sumY / s.n
  const vy = sampleCovariance(s.n, s.sumY, s.sumY, s.sumSquaresY)
  const vx = sampleCovariance(s.n, s.sumX, s.sumX, s.sumSquaresX)
  const cxy = sampleCovariance(s.n, s.sumY, s.sumX, s.sumXY)
  const variance = (vy / mx ** 2 - (2 * my * cxy) / mx ** 3 + (my ** 2 * vx) / mx ** 4) / s.n
  return { value: my / mx, variance: Math.max(0, variance), n: s.n }
}

export function compareRatios(control: RatioStats, treatment: RatioStats, options: { alpha?: number } = {}): RatioComparison {
  const alpha = options.alpha ?? 0.05
  requireAlpha(alpha)
  checkRatioStats('control', control)
  checkRatioStats('treatment', treatment)
  const a = ratioEstimate(control)
  const b = ratioEstimate(treatment)
  return {
    ...compareEstimates(a, b, alpha, 't'),
    control: { ratio: a.value, n: a.n },
    treatment: { ratio: b.value, n: b.n },
  }
}
