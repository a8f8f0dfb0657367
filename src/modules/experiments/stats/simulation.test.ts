// Whole-engine simulations required by issue 7: A/A tests reject ≈ α, a real +10 % lift is found.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bayesConversions, compareConversions, seededSampler } from './index.ts'

test('2,000 simulated A/A tests: the conversion z-test rejects in 5 % ± 1.5 % of them', () => {
  const rng = seededSampler(1234)
  const sims = 2000
  const n = 10_000
  let rejected = 0
  for (let i = 0; i < sims; i++) {
    const a = { visitors: n, conversions: rng.binomial(n, 0.05) }
    const b = { visitors: n, conversions: rng.binomial(n, 0.05) }
    if (compareConversions(a, b).absolute.pValue < 0.05) rejected++
  }
  const rate = rejected / sims
  assert.ok(rate >= 0.035 && rate <= 0.065, `A/A rejection rate ${rate}`)
})

test('a real +10 % lift on 50,000 visitors per arm is reported significant, with intervals holding the truth', () => {
  const rng = seededSampler(99)
  const n = 50_000
  const base = 0.05
  const lifted = base * 1.1
  const run = () => compareConversions({ visitors: n, conversions: rng.binomial(n, base) }, { visitors: n, conversions: rng.binomial(n, lifted) })
  const first = run()
  assert.ok(first.absolute.pValue < 0.05, `p=${first.absolute.pValue}`)
  assert.ok(first.absolute.ci[0] <= lifted - base && lifted - base <= first.absolute.ci[1])
  assert.ok(first.relative!.ci[0] <= 0.1 && 0.1 <= first.relative!.ci[1])
  // over 400 such experiments: power ≈ 93 % by the normal formula, intervals cover the truth ≈ 95 %
  const reps = 400
  let significant = 0
  let coveredAbs = 0
  let coveredRel = 0
  for (let i = 0; i < reps; i++) {
    const r = run()
    if (r.absolute.pValue < 0.05) significant++
    if (r.absolute.ci[0] <= lifted - base && lifted - base <= r.absolute.ci[1]) coveredAbs++
    if (r.relative!.ci[0] <= 0.1 && 0.1 <= r.relative!.ci[1]) coveredRel++
  }
  assert.ok(significant / reps > 0.88, `power ${significant / reps}`)
  assert.ok(coveredAbs / reps > 0.92 && coveredAbs / reps < 0.98, `absolute coverage ${coveredAbs / reps}`)
  assert.ok(coveredRel / reps > 0.92 && coveredRel / reps < 0.98, `relative coverage ${coveredRel / reps}`)
})

test('on the same +10 % experiment the Bayesian read-out is confident the treatment wins', () => {
  const rng = seededSampler(99)
  const n = 50_000
  const r = bayesConversions({ visitors: n, conversions: rng.binomial(n, 0.05) }, { visitors: n, conversions: rng.binomial(n, 0.055) })
  assert.ok(r.chanceToBeatControl > 0.95, `${r.chanceToBeatControl}`)
  assert.ok(r.uplift!.credibleInterval[0] <= 0.1 && 0.1 <= r.uplift!.credibleInterval[1])
  assert.ok(r.risk!.treatment < r.risk!.control)
})
