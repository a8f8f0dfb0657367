// Bayesian read-outs checked against gbstats outputs and closed-form results.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bayesConversions, bayesMeans, probabilityBBeatsA } from './index.ts'
import { normalCdf } from './distributions.ts'

function close(actual: number, expected: number, decimals: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 0.5 * 10 ** -decimals + 1e-12, `${what}: ${actual} ≠ ${expected} (${decimals} decimals)`)
}

test('revenue metric: Gaussian posterior of the lift matches gbstats EffectBayesianABTest (TestNorm)', () => {
  // gbstats tests/bayesian/test_tests.py: sums (100, 1002.25, n=10) vs (105, 1111.5, n=10) →
  // expected 0.05, ci [-0.02, 0.12], stddev 0.03572, chance_to_win 0.91923, risk [0.05131, 0.00131]
  const r = bayesMeans({ n: 10, sum: 100, sumSquares: 1002.25 }, { n: 10, sum: 105, sumSquares: 1111.5 })
  close(r.uplift!.mean, 0.05, 5, 'lift')
  close(r.uplift!.standardDeviation, 0.03572, 5, 'sd')
  close(r.uplift!.credibleInterval[0], -0.02, 5, 'low')
  close(r.uplift!.credibleInterval[1], 0.12, 5, 'high')
  close(r.chanceToBeatControl, 0.91923, 5, 'chance to win')
  close(r.risk!.control, 0.05131, 5, 'risk of keeping control')
  close(r.risk!.treatment, 0.00131, 5, 'risk of shipping treatment')
})

test('conversions: lift interval and expected loss match gbstats TestBinom (49/100 vs 51/100)', () => {
  // gbstats: ci [-0.24779, 0.32943], risk [0.0814, 0.04058]
  const r = bayesConversions({ visitors: 100, conversions: 49 }, { visitors: 100, conversions: 51 })
  close(r.uplift!.credibleInterval[0], -0.24779, 5, 'low')
  close(r.uplift!.credibleInterval[1], 0.32943, 5, 'high')
  close(r.risk!.control, 0.0814, 4, 'risk control')
  close(r.risk!.treatment, 0.04058, 5, 'risk treatment')
  // exact Beta(50,52) vs Beta(52,50) lies next to gbstats' Gaussian 0.60918
  assert.ok(Math.abs(r.chanceToBeatControl - 0.60918) < 0.005, `${r.chanceToBeatControl}`)
})

test('exact P(B > A) for Beta posteriors equals the closed-form integrals', () => {
  // A ~ U(0,1), B ~ Beta(2,1): P(B > A) = E[B] = 2/3; A ~ Beta(1,2), B ~ Beta(2,1): ∫ 2b(1 − (1 − b)²) db = 5/6
  close(probabilityBBeatsA({ alpha: 1, beta: 1 }, { alpha: 2, beta: 1 }), 2 / 3, 12, 'U vs Beta(2,1)')
  close(probabilityBBeatsA({ alpha: 1, beta: 2 }, { alpha: 2, beta: 1 }), 5 / 6, 12, 'Beta(1,2) vs Beta(2,1)')
  close(probabilityBBeatsA({ alpha: 2, beta: 1 }, { alpha: 1, beta: 1 }), 1 / 3, 12, 'reversed')
  // identical posteriors: a coin flip, whichever of the four sums is used
  close(probabilityBBeatsA({ alpha: 31, beta: 970 }, { alpha: 31, beta: 970 }), 0.5, 10, 'same')
  close(probabilityBBeatsA({ alpha: 970, beta: 31 }, { alpha: 970, beta: 31 }), 0.5, 10, 'same, high rate')
})

test('exact P(B > A) agrees with the normal approximation on a large experiment, and stays fast', () => {
  const a = { alpha: 1 + 2500, beta: 1 + 47500 }
  const b = { alpha: 1 + 2750, beta: 1 + 47250 }
  const moments = (p: { alpha: number; beta: number }) => {
    const s = p.alpha + p.beta
    return { m: p.alpha / s, v: (p.alpha * p.beta) / (s * s * (s + 1)) }
  }
  const ma = moments(a)
  const mb = moments(b)
  const approx = normalCdf((mb.m - ma.m) / Math.sqrt(ma.v + mb.v))
  const started = performance.now()
  const exact = probabilityBBeatsA(a, b)
  assert.ok(performance.now() - started < 2000)
  assert.ok(Math.abs(exact - approx) < 1e-3, `${exact} vs ${approx}`)
  // the four symmetric forms agree: P(A > B) = 1 − P(B > A)
  close(probabilityBBeatsA(b, a), 1 - exact, 9, 'symmetry')
})

test('a Gaussian prior on the lift pulls the posterior towards it, less as data grows', () => {
  const a = { n: 10, sum: 100, sumSquares: 1002.25 }
  const b = { n: 10, sum: 105, sumSquares: 1111.5 }
  const flat = bayesMeans(a, b)
  const sceptical = bayesMeans(a, b, { prior: { mean: 0, variance: 0.03 ** 2 } })
  assert.ok(sceptical.uplift!.mean < flat.uplift!.mean && sceptical.uplift!.mean > 0)
  assert.ok(sceptical.uplift!.standardDeviation < flat.uplift!.standardDeviation)
  assert.ok(sceptical.chanceToBeatControl < flat.chanceToBeatControl)
})

test('before the control converts anyone, the chance to beat it is known but no lift is claimed', () => {
  const r = bayesConversions({ visitors: 40, conversions: 0 }, { visitors: 40, conversions: 3 })
  assert.equal(r.uplift, null)
  assert.equal(r.risk, null)
  assert.ok(r.chanceToBeatControl > 0.9 && r.chanceToBeatControl < 1)
  const zeroMean = bayesMeans({ n: 10, sum: 0, sumSquares: 10 }, { n: 10, sum: 5, sumSquares: 12.5 })
  assert.equal(zeroMean.uplift, null)
  assert.ok(zeroMean.chanceToBeatControl > 0.5)
})

test('Bayesian input is validated', () => {
  assert.throws(() => probabilityBBeatsA({ alpha: 1.5, beta: 1 }, { alpha: 1, beta: 1 }), /integer priors only/)
  assert.throws(() => bayesMeans({ n: 10, sum: 1, sumSquares: 1 }, { n: 10, sum: 1, sumSquares: 1 }, { credibility: 1 }), /credibility must be in \(0, 1\)/)
  assert.throws(() => bayesMeans({ n: 10, sum: 1, sumSquares: 1 }, { n: 10, sum: 1, sumSquares: 1 }, { prior: { mean: 0, variance: 0 } }), /prior.variance/)
})
