/**
 * Minimum sample size per variant for a conversion metric, two-sided test — the formula of Evan
 * Miller's sample size calculator (evanmiller.org/ab-testing/sample-size.html):
 *   n = ( z_{1−α/2}·√(2p(1−p)) + z_{power}·√(p(1−p) + (p+δ)(1−p−δ)) )² / δ²
 * p = baseline rate, δ = absolute minimum detectable effect (relative MDE × p). The null variance
 * uses the baseline rate, the alternative the two rates. Rounded up: the smallest whole number of
 * visitors per variant that reaches the power.
 */
import { normalQuantile } from './distributions.ts'
import { requireAlpha, requireProbability } from './validate.ts'

export type SampleSizeInput = {
  baselineRate: number
  /** the smallest change worth detecting: 0.1 relative = +10 %, 0.01 absolute = +1 point */
  minimumDetectableEffect: number
  mdeType: 'relative' | 'absolute'
  alpha?: number
  power?: number
}

export type SampleSize = { perVariant: number; exact: number; treatmentRate: number }

export function sampleSizeForConversion(input: SampleSizeInput): SampleSize {
  const alpha = input.alpha ?? 0.05
  const power = input.power ?? 0.8
  requireAlpha(alpha)
  requireProbability('power', power)
  requireProbability('baselineRate', input.baselineRate)
  if (input.mdeType !== 'relative' && input.mdeType !== 'absolute') throw new RangeError(`mdeType must be 'relative' or 'absolute', got ${String(input.mdeType)}`)
  if (!(Number.isFinite(input.minimumDetectableEffect) && input.minimumDetectableEffect > 0)) {
    throw new RangeError(`minimumDetectableEffect must be positive, got ${input.minimumDetectableEffect}`)
  }
  const p = input.baselineRate
  const delta = input.mdeType === 'relative' ? p * input.minimumDetectableEffect : input.minimumDetectableEffect
  const treatmentRate = p + delta
  if (!(treatmentRate < 1)) throw new RangeError(`baseline + effect must stay below 100 %, got ${treatmentRate}`)
  const zAlpha = normalQuantile(1 - alpha / 2)
  const zPower = normalQuantile(power)
  const sdNull = Math.sqrt(2 * p * (1 - p))
  const sdAlt = Math.sqrt(p * (1 - p) + treatmentRate * (1 - treatmentRate))
  const exact = (zAlpha * sdNull + zPower * sdAlt) ** 2 / delta ** 2
  return { perVariant: Math.ceil(exact - 1e-9), exact, treatmentRate }
}
