// Deterministic assignment: stable, uniform, independent between experiments.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { assignVariant, bucketOf, bucketRanges, checkSampleRatio } from './index.ts'

test('the bucket is the documented SHA-256 rule (reference digest from coreutils sha256sum)', () => {
  // printf 'exp-1:visitor-42' | sha256sum → b32ac3e050af05e48d65dc7b2237d0d1e4cdd8a86a02bf640e70e2337bcf17d2
  const firstWord = 0xb32ac3e0
  assert.equal(bucketOf('exp-1', 'visitor-42'), Math.floor((firstWord * 10_000) / 2 ** 32))
  assert.equal(bucketOf('exp-1', 'visitor-42'), 6998)
})

test('assignment is stable across processes', () => {
  const module = fileURLToPath(new URL('./assign-variant.ts', import.meta.url))
  const ids = Array.from({ length: 50 }, (_, i) => `v${i * 7919}`)
  const variants = [{ key: 'control', weight: 50 }, { key: 'b', weight: 25 }, { key: 'c', weight: 25 }]
  const here = ids.map((id) => assignVariant('checkout-button', id, variants))
  const script = `import(${JSON.stringify(module)}).then((m) => console.log(JSON.stringify(${JSON.stringify(ids)}.map((id) => m.assignVariant('checkout-button', id, ${JSON.stringify(variants)})))))`
  const there = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' })) as string[]
  assert.deepEqual(there, here)
  // and within the process, calling again changes nothing
  assert.deepEqual(ids.map((id) => assignVariant('checkout-button', id, variants)), here)
})

test('100,000 visitors split 20/30/50 as planned (χ² test does not flag a mismatch)', () => {
  const variants = [{ key: 'a', weight: 20 }, { key: 'b', weight: 30 }, { key: 'c', weight: 50 }]
  const counts = new Map(variants.map((v) => [v.key, 0]))
  const deciles = new Array<number>(10).fill(0)
  for (let i = 0; i < 100_000; i++) {
    const id = `visitor-${i}`
    const variant = assignVariant('home-hero', id, variants)
    counts.set(variant, counts.get(variant)! + 1)
    deciles[Math.floor(bucketOf('home-hero', id) / 1000)]! += 1
  }
  const split = checkSampleRatio(variants.map((v) => counts.get(v.key)!), variants.map((v) => v.weight))
  assert.equal(split.srm, false, `p=${split.pValue} counts=${[...counts.values()]}`)
  assert.ok(split.pValue > 0.001)
  assert.equal(checkSampleRatio(deciles, new Array(10).fill(1)).srm, false)
})

test('two experiments assign independently: the control of one is split 50/50 by the other', () => {
  const v = [{ key: 'control', weight: 50 }, { key: 'treatment', weight: 50 }]
  const crossed = [0, 0]
  for (let i = 0; i < 20_000; i++) {
    const id = `u${i}`
    if (assignVariant('exp-price', id, v) === 'control') crossed[assignVariant('exp-banner', id, v) === 'control' ? 0 : 1]! += 1
  }
  assert.equal(checkSampleRatio(crossed, [1, 1]).srm, false, `${crossed}`)
})

test('weights are validated: they must be percents with at most 2 decimals summing to 100', () => {
  assert.deepEqual(bucketRanges([{ key: 'a', weight: 33.33 }, { key: 'b', weight: 66.67 }]).map((r) => r.end - r.start), [3333, 6667])
  assert.throws(() => assignVariant('e', 'v', [{ key: 'a', weight: 50 }, { key: 'b', weight: 40 }]), /sum to 100, got 90/)
  assert.throws(() => assignVariant('e', 'v', [{ key: 'a', weight: 100 }]), /at least 2 variants/)
  assert.throws(() => assignVariant('e', 'v', [{ key: 'a', weight: 50.001 }, { key: 'b', weight: 49.999 }]), /at most 2 decimals/)
  assert.throws(() => assignVariant('e', 'v', [{ key: 'a', weight: 50 }, { key: 'a', weight: 50 }]), /appears twice/)
  assert.throws(() => assignVariant('e', 'v', [{ key: 'a', weight: -10 }, { key: 'b', weight: 110 }]), /weight must be a percent ≥ 0/)
  assert.throws(() => bucketOf('', 'v'), /non-empty/)
  // a 0 % variant is allowed (paused arm) and never assigned
  assert.equal(assignVariant('e', 'v', [{ key: 'off', weight: 0 }, { key: 'on', weight: 100 }]), 'on')
})
