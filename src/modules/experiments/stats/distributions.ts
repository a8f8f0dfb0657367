/**
 * The distributions and special functions of the engine, all from @stdlib (well-kept, tested
 * numerical code): nothing here is hand-written beyond the tail conventions.
 */
import betaln from '@stdlib/math-base-special-betaln'
import gammainc from '@stdlib/math-base-special-gammainc'
import normalCdfBase from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantileBase from '@stdlib/stats-base-dists-normal-quantile'
import tCdfBase from '@stdlib/stats-base-dists-t-cdf'
import tQuantileBase from '@stdlib/stats-base-dists-t-quantile'

export { betaln }

/** Φ(x), the standard normal CDF. */
export function normalCdf(x: number): number {
  return normalCdfBase(x, 0, 1)
}

/** Φ⁻¹(p), the standard normal quantile. */
export function normalQuantile(p: number): number {
  return normalQuantileBase(p, 0, 1)
}

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)
}

/** Two-sided p-value of a z statistic: 2·Φ(−|z|) (the lower tail keeps precision for large |z|). */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)))
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom. */
export function twoSidedTP(t: number, df: number): number {
  return Math.min(1, 2 * tCdfBase(-Math.abs(t), df))
}

/** The two-sided critical value for confidence 1 − alpha: z, or t when df is given. */
export function criticalValue(alpha: number, df?: number): number {
  return df === undefined || !Number.isFinite(df) ? normalQuantile(1 - alpha / 2) : tQuantileBase(1 - alpha / 2, df)
}

/** P(χ²_df ≥ x): the regularized upper incomplete gamma Q(df/2, x/2), exact in the far tail. */
export function chiSquareUpperTail(x: number, df: number): number {
  if (x <= 0) return 1
  return gammainc(x / 2, df / 2, true, true)
}
