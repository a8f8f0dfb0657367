import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigError, loadConfig } from './config.ts'

test('defaults make a bare start work: port 3000, embedded database, demo seed', () => {
  const c = loadConfig({})
  assert.equal(c.port, 3000)
  assert.equal(c.host, '0.0.0.0')
  assert.equal(c.databaseUrl, undefined)
  assert.match(c.dataDir, /\.lakou-data$/)
  assert.equal(c.publicUrl, 'http://localhost:3000')
  assert.equal(c.seed, 'auto')
  assert.ok(Object.isFrozen(c))
})

test('values from the environment are parsed and checked', () => {
  const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/lakou', PUBLIC_URL: 'https://shop.example/', LAKOU_DATA_DIR: '/tmp/x' })
  assert.equal(c.port, 8080)
  assert.equal(c.databaseUrl, 'postgres://u:p@db:5432/lakou')
  assert.equal(c.publicUrl, 'https://shop.example')
  assert.equal(c.dataDir, '/tmp/x')
})

test('a bad value stops the start with a message naming the variable', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message) && /eighty/.test(e.message))
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), (e: unknown) => e instanceof ConfigError && /DATABASE_URL/.test(e.message))
  assert.throws(() => loadConfig({ PORT: '70000' }), ConfigError)
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), ConfigError)
})
