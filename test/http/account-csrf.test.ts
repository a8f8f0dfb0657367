import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { Browser, signUpAs, textOf } from './account-helpers.ts'

// Every state-changing form needs its CSRF token: without it, 403 and nothing changes.

let t: TestApp
before(async () => {
  t = await testApp({ env: { PAGE_CACHE_SECONDS: '60' } })
})
after(async () => t.close())

const count = async (table: 'customers' | 'customer_addresses' | 'customer_sessions') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n

test('forms posted without a token, or with another browser\'s: 403 friendly page and nothing changed', async () => {
  const b = new Browser(t.app, '10.6.0.1')
  await signUpAs(b, 'csrf@example.com')
  await b.submit('/fr/compte/adresses/nouvelle', { name: 'Léa', line1: '1 rue', postalCode: '97110', city: 'Pointe-à-Pitre', country: 'GP' })
  const [customers, addresses, sessions] = [await count('customers'), await count('customer_addresses'), await count('customer_sessions')]
  const addressId = (await sql<{ id: string }>`select id from customer_addresses`.execute(t.database.db)).rows[0]!.id

  const attacker = new Browser(t.app, '10.6.0.66')
  await attacker.get('/fr/compte/inscription')
  const foreignToken = attacker.csrf // valid, but for the attacker's browser

  for (const token of [null, '', 'forged', foreignToken]) {
    const del = await b.post(`/fr/compte/adresses/${addressId}/supprimer`, {}, token)
    assert.equal(del.statusCode, 403, `token ${token}`)
    assert.match(String(del.headers['content-type']), /text\/html/)
    assert.match(textOf(del.body), /Ce formulaire a expiré.*rien n’a été modifié/)
    assert.match(del.body, /href="\/fr\/compte\/adresses\/adr_/, 'a way back to the form')
    const out = await b.post('/fr/compte/deconnexion', {}, token)
    assert.equal(out.statusCode, 403)
    const signUp = await new Browser(t.app, '10.6.0.2').post('/fr/compte/inscription', { email: `new${token}@example.com`, password: 'a long enough password', firstName: 'X', lastName: 'Y' }, token)
    assert.equal(signUp.statusCode, 403)
    const market = await b.post('/market', { market: 'GP', back: '/fr/' }, token)
    assert.equal(market.statusCode, 403)
    assert.doesNotMatch(String(market.headers['set-cookie'] ?? ''), /lakou_market/)
  }
  assert.deepEqual([await count('customers'), await count('customer_addresses'), await count('customer_sessions')], [customers, addresses, sessions])
  assert.ok(b.cookies.has('lakou_session'))
  assert.equal((await b.get('/fr/compte')).statusCode, 200, 'still signed in')

  const json = await t.app.inject({ method: 'POST', url: '/fr/compte/deconnexion', headers: { accept: 'application/json', cookie: b.cookieHeader } })
  assert.equal(json.statusCode, 403)
  assert.equal(json.json().error.code, 'CSRF_TOKEN_INVALID')
})

test('a token is bound to the session: the one of a page seen before signing in no longer works after', async () => {
  const b = new Browser(t.app, '10.7.0.1')
  await b.get('/fr/compte/inscription')
  const anonymousToken = b.csrf
  assert.equal((await b.post('/fr/compte/inscription', { email: 'bound@example.com', password: 'a long enough password', firstName: 'B', lastName: 'C' })).statusCode, 303)
  assert.equal((await b.post('/fr/compte/deconnexion', {}, anonymousToken)).statusCode, 403)
  await b.get('/fr/compte')
  assert.notEqual(b.csrf, anonymousToken)
  assert.equal((await b.post('/fr/compte/deconnexion', {})).statusCode, 303)
})

test('the market switch carries a token, even on pages served to everyone from the page cache', async () => {
  const one = new Browser(t.app, '10.8.0.1')
  const two = new Browser(t.app, '10.8.0.2')
  const first = await one.get('/fr/producteurs?csrf-test')
  const second = await two.get('/fr/producteurs?csrf-test')
  assert.equal(second.headers['x-page-cache'], 'hit', 'the second visitor gets the cached page')
  assert.match(first.body, /<form class="market-form" method="post" action="\/market">/)
  assert.doesNotMatch(second.body, /__lakou_csrf/, 'the placeholder never reaches a browser')
  assert.notEqual(one.csrf, two.csrf, 'each visitor gets a token of their own')
  assert.ok(one.cookies.has('lakou_csrf') && two.cookies.has('lakou_csrf'))
  assert.equal((await one.post('/market', { market: 'GP', back: '/fr/producteurs' }, two.csrf)).statusCode, 403)
  const ok = await two.post('/market', { market: 'GP', back: '/fr/producteurs' })
  assert.equal(ok.statusCode, 303)
  assert.equal(ok.headers.location, '/fr/producteurs')
  assert.equal(two.cookies.get('lakou_market'), 'GP')
})

test('JSON API and webhooks are outside the form check (no cookie-driven forms there)', async () => {
  const api = await t.app.inject({ method: 'POST', url: '/api/store/nothing-here', payload: {} })
  assert.equal(api.statusCode, 404)
  const hook = await t.app.inject({ method: 'POST', url: '/webhooks/payments/test', payload: '{}', headers: { 'content-type': 'application/json' } })
  assert.notEqual(hook.statusCode, 403)
})
