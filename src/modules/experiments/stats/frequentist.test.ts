// Frequentist comparisons checked against published reference outputs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { compareConversions, compareMeans, compareRatios } from './index.ts'

/** Equal once rounded to `decimals`, as the reference suites compare (np.round(x, 5)). */
function close(actual: number, expected: number, decimals: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 0.5 * 10 ** -decimals + 1e-12, `${what}: ${actual} ≠ ${expected} (${decimals} decimals)`)
}

test('conversion z-test p-value matches the statsmodels proportions_ztest documentation example', () => {
  // statsmodels.stats.proportion.proportions_ztest docs: count=[5, 12], nobs=[83, 99] → p-value 0.159 (pooled)
  const r = compareConversions({ visitors: 83, conversions: 5 }, { visitors: 99, conversions: 12 })
  close(r.absolute.pValue, 0.159, 3, 'p-value')
  close(r.control.rate, 5 / 83, 12, 'control rate')
  assert.ok(r.absolute.ci[0] < r.absolute.estimate && r.absolute.estimate < r.absolute.ci[1])
})

test('conversion lift and its delta-method interval match gbstats (EffectBayesianABTest, 49/100 vs 51/100)', () => {
  // gbstats tests/bayesian/test_tests.py TestBinom: mean 0.04082, stddev 0.14725, ci [-0.24779, 0.32943]
  // (flat prior: the credible interval is the z interval of the delta-method lift)
  const r = compareConversions({ visitors: 100, conversions: 49 }, { visitors: 100, conversions: 51 })
  assert.ok(r.relative)
  close(r.relative.estimate, 0.04082, 5, 'lift')
  close(r.relative.standardError, 0.14725, 5, 'lift SE')
  close(r.relative.ci[0], -0.24779, 5, 'lift CI low')
  close(r.relative.ci[1], 0.32943, 5, 'lift CI high')
  // gbstats frequentist test_two_sided_ttest_binom: 14/28 vs 16/30 → lift stddev 0.2717
  const small = compareConversions({ visitors: 28, conversions: 14 }, { visitors: 30, conversions: 16 })
  close(small.relative!.standardError, 0.2717, 4, 'lift SE (14/28 vs 16/30)')
})

test('a conversion test with no conversions anywhere finds nothing and reports no lift', () => {
  const r = compareConversions({ visitors: 500, conversions: 0 }, { visitors: 480, conversions: 0 })
  assert.equal(r.absolute.pValue, 1)
  assert.equal(r.relative, null)
})

test('conversion input is validated: impossible counts and alphas are refused with the field named', () => {
  assert.throws(() => compareConversions({ visitors: 10, conversions: 11 }, { visitors: 10, conversions: 1 }), /control: conversions \(11\) exceed visitors/)
  assert.throws(() => compareConversions({ visitors: 0, conversions: 0 }, { visitors: 10, conversions: 1 }), /control.visitors/)
  assert.throws(() => compareConversions({ visitors: 10, conversions: 1.5 }, { visitors: 10, conversions: 1 }), RangeError)
  assert.throws(() => compareConversions({ visitors: 10, conversions: 1 }, { visitors: 10, conversions: -1 }), /treatment.conversions/)
  assert.throws(() => compareConversions({ visitors: 10, conversions: 1 }, { visitors: 10, conversions: 1 }, { alpha: 1.2 }), /alpha/)
})

// gbstats tests/frequentist/test_tests.py TestTwoSidedTTest (Welch, sufficient statistics)
const gbA = { n: 3407, sum: 1396.87, sumSquares: 52377.9767 }
const gbB = { n: 3461, sum: 2422.7, sumSquares: 134698.29 }

test('Welch comparison of means matches gbstats TwoSidedTTest, absolute and relative', () => {
  const r = compareMeans(gbA, gbB)
  close(r.control.mean, 0.41, 10, 'control mean')
  close(r.control.standardDeviation, 3.9, 8, 'control sd')
  close(r.absolute.estimate, 0.29, 5, 'difference')
  close(r.absolute.standardError, 0.12478, 5, 'difference SE')
  close(r.absolute.ci[0], 0.04538, 5, 'CI low')
  close(r.absolute.ci[1], 0.53462, 5, 'CI high')
  close(r.absolute.pValue, 0.02016, 5, 'p-value')
  assert.ok(r.relative)
  close(r.relative.estimate, 0.70732, 5, 'lift')
  close(r.relative.standardError, 0.37879, 5, 'lift SE')
  close(r.relative.ci[0], -0.03526, 5, 'lift CI low')
  close(r.relative.ci[1], 1.44989, 5, 'lift CI high')
  close(r.relative.pValue, 0.06191, 5, 'lift p-value')
})

test('means input is validated: impossible sums of squares and tiny samples are refused', () => {
  assert.throws(() => compareMeans({ n: 10, sum: 100, sumSquares: 10 }, gbB), /control: sumSquares is smaller than sum²\/n/)
  assert.throws(() => compareMeans(gbA, { n: 1, sum: 1, sumSquares: 1 }), /treatment.n must be an integer ≥ 2/)
  assert.throws(() => compareMeans(gbA, { n: 10, sum: Number.NaN, sumSquares: 1 }), /treatment.sum/)
})

test('ratio metric (delta method) matches the gbstats port in PostHog (ratio of means, relative)', () => {
  // PostHog products/experiments/stats tests, test_two_sided_ttest_with_ratio_statistic (their stat_b is the control):
  // expected 0.041333, ci [0.01378609, 0.0689], p-value 0.0032826
  const control = { n: 1966, sumY: 94605.79858780127, sumSquaresY: 10463129.505392816, sumX: 936, sumSquaresX: 936, sumXY: 94605.79858780127 }
  const treatment = { n: 2034, sumY: 99673.9364269569, sumSquaresY: 11298745.182728939, sumX: 947, sumSquaresX: 947, sumXY: 99673.9364269569 }
  const r = compareRatios(control, treatment)
  assert.ok(r.relative)
  close(r.relative.estimate, 0.041333, 6, 'lift')
  close(r.relative.ci[0], 0.01378609, 6, 'CI low')
  close(r.relative.ci[1], 0.0689, 4, 'CI high')
  close(r.relative.pValue, 0.0032826, 6, 'p-value')
  close(r.control.ratio, 94605.79858780127 / 936, 9, 'control AOV')
})

test('ratio delta method: a constant denominator gives the plain mean variance (Deng et al. 2018 sanity case)', () => {
  // X ≡ 1 for every unit → R is the mean of Y and Var(R) = s²_Y / n
  const mk = (n: number, sum: number, ss: number) => ({ n, sumY: sum, sumSquaresY: ss, sumX: n, sumSquaresX: n, sumXY: sum })
  const ratio = compareRatios(mk(3407, 1396.87, 52377.9767), mk(3461, 2422.7, 134698.29))
  const means = compareMeans(gbA, gbB)
  close(ratio.absolute.standardError, means.absolute.standardError, 12, 'SE')
  close(ratio.absolute.pValue, means.absolute.pValue, 12, 'p')
})

test('ratio input is validated: a zero denominator or inconsistent cross-products are refused', () => {
  const ok = { n: 10, sumY: 50, sumSquaresY: 300, sumX: 10, sumSquaresX: 12, sumXY: 55 }
  assert.throws(() => compareRatios({ ...ok, sumX: 0, sumSquaresX: 0, sumXY: 0 }, ok), /control.sumX \(the denominator\) must be positive/)
  assert.throws(() => compareRatios(ok, { ...ok, sumXY: 500 }), /treatment: sumXY is inconsistent/)
})
