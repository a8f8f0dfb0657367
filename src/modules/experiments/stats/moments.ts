/**
 * Sufficient statistics: what a database query can aggregate per variant (counts and sums),
 * turned into sample means and (n − 1) sample variances and covariances.
 */
import { requireCount, requireFinite } from './validate.ts'

/** A per-unit metric (revenue per visitor): n units, Σy, Σy². */
export type MeanStats = { n: number; sum: number; sumSquares: number }

/** A ratio metric (AOV = revenue / orders) per randomisation unit: Σy, Σy², Σx, Σx², Σxy over n units. */
export type RatioStats = {
  n: number
  sumY: number
  sumSquaresY: number
  sumX: number
  sumSquaresX: number
  sumXY: number
}

/** The sample covariance from sums; clamps the rounding noise of a zero variance to 0. */
export function sampleCovariance(n: number, sumA: number, sumB: number, sumAB: number): number {
  const c = (sumAB - (sumA * sumB) / n) / (n - 1)
  return Math.abs(c) < 1e-12 * Math.max(1, Math.abs(sumAB) / n) ? 0 : c
}

export function checkMeanStats(label: string, s: MeanStats): void {
  requireCount(`${label}.n`, s.n, 2)
  requireFinite(`${label}.sum`, s.sum)
  requireFinite(`${label}.sumSquares`, s.sumSquares)
  if (sampleCovariance(s.n, s.sum, s.sum, s.sumSquares) < 0) throw new RangeError(`${label}: sumSquares is smaller than sum²/n (impossible sums)`)
}

export function meanAndVariance(s: MeanStats): { mean: number; variance: number } {
  return { mean: s.sum / s.n, variance: sampleCovariance(s.n, s.sum, s.sum, s.sumSquares) }
}

/** Sums of two per-unit quantities Y and X: finite, and possible (variances ≥ 0, |correlation| ≤ 1). */
export function checkPairedSums(label: string, s: RatioStats): void {
  requireCount(`${label}.n`, s.n, 2)
  for (const k of ['sumY', 'sumSquaresY', 'sumX', 'sumSquaresX', 'sumXY'] as const) requireFinite(`${label}.${k}`, s[k])
  const vy = sampleCovariance(s.n, s.sumY, s.sumY, s.sumSquaresY)
  const vx = sampleCovariance(s.n, s.sumX, s.sumX, s.sumSquaresX)
  if (vy < 0 || vx < 0) throw new RangeError(`${label}: a sum of squares is smaller than sum²/n (impossible sums)`)
  const cxy = sampleCovariance(s.n, s.sumY, s.sumX, s.sumXY)
  if (cxy * cxy > vy * vx * (1 + 1e-9) + 1e-12) throw new RangeError(`${label}: sumXY is inconsistent with the sums of squares (|correlation| > 1)`)
}

export function checkRatioStats(label: string, s: RatioStats): void {
  checkPairedSums(label, s)
  if (s.sumX <= 0) throw new RangeError(`${label}.sumX (the denominator) must be positive, got ${s.sumX}`)
}
