import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ttlCache } from './ttl-cache.ts'

test('a value is computed once within its time to live, per scope and key', async () => {
  const cache = ttlCache<number>(10_000)
  let calls = 0
  const compute = async () => ++calls
  const a = {}
  const b = {}
  const [x, y] = await Promise.all([cache.get(a, 'k', compute), cache.get(a, 'k', compute)])
  assert.equal(x, 1)
  assert.equal(y, 1, 'concurrent misses share one computation')
  assert.equal(await cache.get(b, 'k', compute), 2, 'another database is another scope')
  assert.equal(await cache.get(a, 'other', compute), 3)
  cache.clear()
  assert.equal(await cache.get(a, 'k', compute), 4, 'clear() forgets everything')
})

test('entries expire, and failures are not cached', async () => {
  const cache = ttlCache<number>(20)
  let calls = 0
  const scope = {}
  await cache.get(scope, 'k', async () => ++calls)
  await new Promise((r) => setTimeout(r, 30))
  assert.equal(await cache.get(scope, 'k', async () => ++calls), 2)
  await assert.rejects(cache.get(scope, 'bad', async () => { throw new Error('db down') }))
  assert.equal(await cache.get(scope, 'bad', async () => 7), 7)
})
