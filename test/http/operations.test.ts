import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../helpers/test-app.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

test('/health reports the database kind and migration version', async () => {
  const res = await t.app.inject('/health')
  assert.equal(res.statusCode, 200)
  const body = res.json()
  assert.equal(body.status, 'ok')
  assert.equal(body.database.kind, process.env.DATABASE_URL ? 'postgres' : 'pglite')
  assert.match(body.database.migration, /^\d{4}_/)
})

test('/metrics exposes Prometheus metrics including request durations', async () => {
  await t.app.inject('/health')
  const res = await t.app.inject('/metrics')
  assert.equal(res.statusCode, 200)
  assert.match(res.body, /lakou_http_request_duration_seconds_bucket\{[^}]*route="\/health"/)
  assert.match(res.body, /lakou_process_cpu_seconds_total/)
})

test('every answer carries a request id, and a given one is echoed', async () => {
  const res = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc12345-test' } })
  assert.equal(res.headers['x-request-id'], 'abc12345-test')
  const other = await t.app.inject('/health')
  assert.match(String(other.headers['x-request-id']), /^[0-9a-f-]{36}$/)
})

test('unknown API route: JSON error with a code; unknown page: friendly HTML 404 with a search box', async () => {
  const api = await t.app.inject('/api/store/nothing-here')
  assert.equal(api.statusCode, 404)
  assert.equal(api.json().error.code, 'ROUTE_NOT_FOUND')
  const page = await t.app.inject('/fr/nothing-here')
  assert.equal(page.statusCode, 404)
  assert.match(String(page.headers['content-type']), /text\/html/)
  assert.match(page.body, /<form[^>]*role="search"/)
  assert.match(page.body, /noindex/)
})

test('the root redirects to the shopper\'s language', async () => {
  const en = await t.app.inject({ url: '/', headers: { 'accept-language': 'en-US,en;q=0.9,fr;q=0.5' } })
  assert.equal(en.statusCode, 302)
  assert.equal(en.headers.location, '/en/')
  const fr = await t.app.inject({ url: '/', headers: { 'accept-language': 'de-DE' } })
  assert.equal(fr.headers.location, '/fr/')
})

test('the OpenAPI document is served', async () => {
  const res = await t.app.inject('/api/openapi.json')
  assert.equal(res.statusCode, 200)
  const doc = res.json()
  assert.equal(doc.openapi, '3.1.0')
  assert.ok(doc.paths['/health'])
})
