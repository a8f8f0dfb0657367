// CUPED on generated data with a strong pre-period correlation (Deng, Xu, Kohavi & Walker 2013).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { compareCuped, seededSampler, type CupedStats, type Sampler } from './index.ts'

/** Units with X ~ N(50, 10²) before the experiment and Y = 20 + 0.8·X + N(0, 4²) + effect: ρ² = 64/80 = 0.8. */
function arm(rng: Sampler, n: number, effect: number): CupedStats {
  const s = { n, sumY: 0, sumSquaresY: 0, sumX: 0, sumSquaresX: 0, sumXY: 0 }
  for (let i = 0; i < n; i++) {
    const x = 50 + 10 * rng.normal()
    const y = 20 + 0.8 * x + 4 * rng.normal() + effect
    s.sumY += y
    s.sumSquaresY += y * y
    s.sumX += x
    s.sumSquaresX += x * x
    s.sumXY += x * y
  }
  return s
}

test('CUPED shrinks the interval by ≈ √(1 − ρ²) and finds θ = Cov(Y, X)/Var(X)', () => {
  const rng = seededSampler(2013)
  const r = compareCuped(arm(rng, 20_000, 0), arm(rng, 20_000, 0.5))
  assert.ok(Math.abs(r.theta - 0.8) < 0.02, `θ ${r.theta}`)
  assert.ok(Math.abs(r.rhoSquared - 0.8) < 0.01, `ρ² ${r.rhoSquared}`)
  assert.equal(r.varianceReduction, 1 - r.rhoSquared)
  const width = (ci: readonly [number, number]) => ci[1] - ci[0]
  const shrink = width(r.absolute.ci) / width(r.unadjusted.absolute.ci)
  assert.ok(Math.abs(shrink - Math.sqrt(1 - r.rhoSquared)) < 0.01, `shrink ${shrink} vs ${Math.sqrt(1 - r.rhoSquared)}`)
  assert.ok(Math.abs(shrink - Math.sqrt(0.2)) < 0.03)
  assert.ok(r.absolute.ci[0] < 0.5 && 0.5 < r.absolute.ci[1])
  assert.ok(r.absolute.pValue < r.unadjusted.absolute.pValue)
})

test('CUPED stays unbiased and keeps its coverage over 200 generated experiments', () => {
  const rng = seededSampler(42)
  const reps = 200
  let sum = 0
  let covered = 0
  for (let i = 0; i < reps; i++) {
    const r = compareCuped(arm(rng, 1000, 0), arm(rng, 1000, 0.5))
    sum += r.absolute.estimate
    if (r.absolute.ci[0] <= 0.5 && 0.5 <= r.absolute.ci[1]) covered++
  }
  // SE of one estimate ≈ √(2·16/1000) ≈ 0.18 → SE of the mean of 200 ≈ 0.013
  assert.ok(Math.abs(sum / reps - 0.5) < 0.04, `mean effect ${sum / reps}`)
  assert.ok(covered / reps > 0.91 && covered / reps < 0.99, `coverage ${covered / reps}`)
})

test('without pre-period data (X ≡ 0) CUPED gives the plain comparison back', () => {
  const plain = (n: number, sum: number, ss: number): CupedStats => ({ n, sumY: sum, sumSquaresY: ss, sumX: 0, sumSquaresX: 0, sumXY: 0 })
  const r = compareCuped(plain(3407, 1396.87, 52377.9767), plain(3461, 2422.7, 134698.29))
  assert.equal(r.theta, 0)
  assert.equal(r.absolute.standardError, r.unadjusted.absolute.standardError)
  assert.equal(r.absolute.pValue, r.unadjusted.absolute.pValue)
})

test('CUPED input is validated', () => {
  const ok: CupedStats = { n: 10, sumY: 50, sumSquaresY: 300, sumX: 10, sumSquaresX: 12, sumXY: 55 }
  assert.throws(() => compareCuped({ ...ok, n: 1 }, ok), /control.n/)
  assert.throws(() => compareCuped(ok, { ...ok, sumXY: 500 }), /treatment: sumXY is inconsistent/)
  assert.throws(() => compareCuped(ok, ok, { theta: Number.NaN }), /theta/)
})
