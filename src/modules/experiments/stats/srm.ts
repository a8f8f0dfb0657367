/**
 * Sample-ratio mismatch: Pearson's χ² goodness-of-fit of the observed units per variant against
 * the planned weights (df = k − 1), as scipy.stats.chisquare and gbstats' check_srm.
 * Flag threshold p < 0.001 (the usual SRM alarm: Fabijan et al. 2019, "Diagnosing Sample Ratio
 * Mismatch"; GrowthBook's default): strict, because the check runs on every look and a false alarm
 * stops a sound experiment.
 */
import { chiSquareUpperTail } from './distributions.ts'
import { requireCount } from './validate.ts'

export const SRM_THRESHOLD = 0.001

export type SrmResult = { chiSquare: number; degreesOfFreedom: number; pValue: number; srm: boolean; expected: number[] }

export function checkSampleRatio(observed: readonly number[], weights: readonly number[], threshold = SRM_THRESHOLD): SrmResult {
  if (observed.length < 2) throw new RangeError('an SRM check needs at least 2 variants')
  if (weights.length !== observed.length) throw new RangeError(`${observed.length} observed counts but ${weights.length} weights`)
  observed.forEach((o, i) => requireCount(`observed[${i}]`, o, 0))
  weights.forEach((w, i) => {
    if (!(Number.isFinite(w) && w > 0)) throw new RangeError(`weights[${i}] must be positive, got ${w}`)
  })
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`threshold must be in (0, 1), got ${threshold}`)
  const total = observed.reduce((s, o) => s + o, 0)
  if (total === 0) throw new RangeError('no units observed yet')
  const weightSum = weights.reduce((s, w) => s + w, 0)
  const expected = weights.map((w) => (total * w) / weightSum)
  const chiSquare = observed.reduce((s, o, i) => s + (o - expected[i]!) ** 2 / expected[i]!, 0)
  const degreesOfFreedom = observed.length - 1
  const pValue = chiSquareUpperTail(chiSquare, degreesOfFreedom)
  return { chiSquare, degreesOfFreedom, pValue, srm: pValue < threshold, expected }
}
