// mSPRT always-valid inference: closed-form values, GrowthBook's confidence sequences, peeking safety.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { alwaysValidSequence, compareConversions, conversionLook, logMixtureLikelihoodRatio, mixingVarianceFor, seededSampler } from './index.ts'

function close(actual: number, expected: number, decimals: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 0.5 * 10 ** -decimals + 1e-12, `${what}: ${actual} ≠ ${expected} (${decimals} decimals)`)
}

test('the mixture likelihood ratio equals Johari et al.’s closed form for given inputs', () => {
  // Λ = √(σ²/(σ²+nτ²))·exp(n²τ²Δ²/(2σ²(σ²+nτ²))) with σ² = 4, n = 4 (v = σ²/n = 1), τ² = 3, Δ = 2:
  // √(4/16)·exp(16·3·4/(2·4·16)) = 0.5·e^1.5 = 2.2408445…, so p = 1/Λ = 0.4462603…
  const look = { estimate: 2, variance: 1 }
  close(Math.exp(logMixtureLikelihoodRatio(look, 3)), 0.5 * Math.exp(1.5), 12, 'Λ')
  const [first] = alwaysValidSequence([look], { tau2: 3 })
  close(first!.pValue, 0.44626, 5, 'always-valid p')
  // no evidence at all: Λ < 1, p stays 1
  assert.equal(alwaysValidSequence([{ estimate: 0, variance: 1 }], { tau2: 3 })[0]!.pValue, 1)
})

test('the always-valid interval is GrowthBook’s sequential confidence interval when τ² is tuned the same way', () => {
  // gbstats tests/frequentist/test_tests.py TestSequentialTTest, n = 3000 + 3461 units:
  // test_sequential_test_runs (N* = 1000): lift 0.50336, sd 0.33341 → ci [-0.55844, 1.56516], p-value 1
  const sd = 0.33341
  const tau2 = mixingVarianceFor({ plannedSampleSize: 1000, unitVariance: sd * sd * 6461 })
  const [look] = alwaysValidSequence([{ estimate: 0.50336, variance: sd * sd }], { tau2 })
  close(look!.ci[0], -0.55844, 4, 'low')
  close(look!.ci[1], 1.56516, 4, 'high')
  assert.equal(look!.pValue, 1)
  // test_sequential_test_runs_prop (default N* = 5000): lift 0.50386, sd 0.03386 → ci [0.40098, 0.60675], p-value 0.0
  const sdp = 0.03386
  const [prop] = alwaysValidSequence([{ estimate: 0.50386, variance: sdp * sdp }], { tau2: mixingVarianceFor({ plannedSampleSize: 5000, unitVariance: sdp * sdp * 6461 }) })
  close(prop!.ci[0], 0.40098, 4, 'low')
  close(prop!.ci[1], 0.60675, 4, 'high')
  assert.ok(prop!.pValue < 1e-5 && prop!.significant)
})

test('the p-value is a running minimum and the interval only narrows, look after look', () => {
  const looks = [
    { estimate: 0.03, variance: 0.0004 },
    { estimate: 0.045, variance: 0.0002 },
    { estimate: 0.01, variance: 0.0001 },
    { estimate: 0.02, variance: 0.00005 },
  ]
  const seq = alwaysValidSequence(looks, { tau2: 0.001 })
  for (let i = 1; i < seq.length; i++) {
    assert.ok(seq[i]!.pValue <= seq[i - 1]!.pValue)
    assert.ok(seq[i]!.ci[0] >= seq[i - 1]!.ci[0] && seq[i]!.ci[1] <= seq[i - 1]!.ci[1])
  }
  // the third look alone is weaker than the second, yet the reported p-value does not go back up
  assert.ok(Math.exp(-logMixtureLikelihoodRatio(looks[2]!, 0.001)) > seq[1]!.pValue)
  assert.equal(seq[2]!.pValue, seq[1]!.pValue)
})

test('A/A with a peek after every batch: mSPRT keeps type I error ≤ 5 % + 1.5 %, naive peeking does not', () => {
  const rng = seededSampler(20261130)
  const p = 0.05
  const batch = 500
  const looks = 20
  const tau2 = mixingVarianceFor({ plannedSampleSize: 2 * batch * looks, unitVariance: 4 * p * (1 - p) })
  const sims = 2000
  let sequentialRejections = 0
  let naiveRejections = 0
  for (let s = 0; s < sims; s++) {
    const a = { visitors: 0, conversions: 0 }
    const b = { visitors: 0, conversions: 0 }
    const seqLooks = []
    let naive = false
    for (let k = 0; k < looks; k++) {
      a.visitors += batch
      b.visitors += batch
      a.conversions += rng.binomial(batch, p)
      b.conversions += rng.binomial(batch, p)
      seqLooks.push(conversionLook(a, b))
      if (compareConversions(a, b).absolute.pValue < 0.05) naive = true
    }
    if (alwaysValidSequence(seqLooks, { tau2 }).some((l) => l.significant)) sequentialRejections++
    if (naive) naiveRejections++
  }
  const sequentialRate = sequentialRejections / sims
  const naiveRate = naiveRejections / sims
  assert.ok(sequentialRate <= 0.065, `sequential false positives ${sequentialRate}`)
  // the reason the sequential test exists: peeking at a fixed-horizon p-value inflates errors
  assert.ok(naiveRate > 0.1, `naive peeking false positives ${naiveRate}`)
})

test('sequential input is validated', () => {
  assert.throws(() => alwaysValidSequence([{ estimate: 1, variance: 0 }], { tau2: 1 }), /looks\[0\].variance must be a positive number/)
  assert.throws(() => alwaysValidSequence([{ estimate: Number.NaN, variance: 1 }], { tau2: 1 }), /looks\[0\].estimate/)
  assert.throws(() => alwaysValidSequence([], { tau2: -1 }), /tau2/)
  assert.throws(() => mixingVarianceFor({ plannedSampleSize: 0, unitVariance: 1 }), /plannedSampleSize/)
})
