import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { addProducerUser, insertSupplyFixture, PRODUCER_PASSWORD, producerBrowser, producerIdOf } from '../helpers/producer.ts'
import { Browser, textOf } from './account-helpers.ts'

// Portal sign-in: its own cookie, wrong passwords, lockout, session rotation, idle expiry,
// sign-out, and the CSRF token every portal form needs (bound to the portal session).

let t: TestApp
let producerId: string
before(async () => {
  t = await testApp()
  producerId = await producerIdOf(t.database.db, 'PRD-MZP')
})
after(() => t.close())

const poStatus = async (id: string) => (await sql<{ status: string }>`SELECT status FROM purchase_orders WHERE id = ${id}`.execute(t.database.db)).rows[0]!.status

test('the right password opens the portal with its own httpOnly, SameSite=Lax, 12-hour cookie; a wrong one says so and sets none', async () => {
  const user = await addProducerUser(t.database, producerId)
  const b = new Browser(t.app, '10.6.0.1')
  const page = await b.get('/portail/connexion')
  assert.equal(page.statusCode, 200)
  assert.equal(page.headers['cache-control'], 'no-store')
  assert.match(String(page.headers['x-robots-tag']), /noindex/)
  const wrong = await b.post('/portail/connexion', { email: user.email, password: 'pas le bon mot de passe' })
  assert.equal(wrong.statusCode, 401)
  assert.match(textOf(wrong.body), /Adresse e-mail ou mot de passe incorrect/)
  assert.ok(!b.cookies.has('lakou_producer'))
  const ok = await b.post('/portail/connexion', { email: user.email.toUpperCase(), password: PRODUCER_PASSWORD })
  assert.equal(ok.statusCode, 303)
  assert.equal(ok.headers.location, '/portail')
  const cookie = (ok.cookies as { name: string; httpOnly?: boolean; sameSite?: string; maxAge?: number; path?: string }[]).find((c) => c.name === 'lakou_producer')!
  assert.equal(cookie.httpOnly, true)
  assert.equal(cookie.sameSite, 'Lax')
  assert.equal(cookie.maxAge, 12 * 3600)
  const home = await b.get('/portail')
  assert.equal(home.statusCode, 200)
  assert.ok(home.body.includes(user.name))
  const stored = await sql<{ token_hash: string; producer_id: string }>`SELECT token_hash, producer_id FROM producer_sessions WHERE producer_user_id = ${user.id}`.execute(t.database.db)
  assert.equal(stored.rows.length, 1)
  assert.equal(stored.rows[0]!.producer_id, producerId, 'the session carries the producer')
  assert.notEqual(stored.rows[0]!.token_hash, b.cookies.get('lakou_producer'), 'only a hash of the token is stored')
})

test('five wrong passwords in a row lock the account for 15 minutes: even the right password is refused', async () => {
  const user = await addProducerUser(t.database, producerId)
  const b = new Browser(t.app, '10.6.0.2')
  await b.get('/portail/connexion')
  for (let i = 0; i < 5; i++) assert.equal((await b.post('/portail/connexion', { email: user.email, password: `mauvais essai ${i} !!` })).statusCode, 401)
  const sixth = await b.post('/portail/connexion', { email: user.email, password: 'encore un mauvais essai' })
  assert.equal(sixth.statusCode, 429)
  assert.match(textOf(sixth.body), /bloqué pendant 15 minutes/)
  const right = await b.post('/portail/connexion', { email: user.email, password: PRODUCER_PASSWORD })
  assert.equal(right.statusCode, 429, 'locked: the right password does not open it')
  assert.ok(Number(right.headers['retry-after']) > 0)
  assert.ok(!b.cookies.has('lakou_producer'))
})

test('signing in again replaces the previous session; signing out ends it and the old cookie opens nothing', async () => {
  const user = await addProducerUser(t.database, producerId)
  const b = await producerBrowser(t.app, user, '10.6.0.3')
  const first = b.cookies.get('lakou_producer')!
  await b.get('/portail') // signed in, the sign-in page sends to the home page: post from here
  const again = await b.post('/portail/connexion', { email: user.email, password: PRODUCER_PASSWORD })
  assert.equal(again.statusCode, 303)
  const second = b.cookies.get('lakou_producer')!
  assert.notEqual(second, first, 'a new token at sign-in')
  const stale = await t.app.inject({ method: 'GET', url: '/portail', headers: { cookie: `lakou_producer=${first}` } })
  assert.equal(stale.statusCode, 303, 'the previous session is closed')
  await b.get('/portail')
  const out = await b.post('/portail/deconnexion', {})
  assert.equal(out.statusCode, 303)
  assert.equal(out.headers.location, '/portail/connexion?fin=1')
  assert.ok(!b.cookies.has('lakou_producer'))
  const replay = await t.app.inject({ method: 'GET', url: '/portail/produits', headers: { cookie: `lakou_producer=${second}` } })
  assert.equal(replay.statusCode, 303)
  assert.equal(replay.headers.location, '/portail/connexion')
})

test('a session idle for more than 2 hours ends', async () => {
  const user = await addProducerUser(t.database, producerId)
  const b = await producerBrowser(t.app, user, '10.6.0.4')
  await sql`UPDATE producer_sessions SET last_seen_at = now() - interval '121 minutes' WHERE producer_user_id = ${user.id}`.execute(t.database.db)
  const res = await b.get('/portail')
  assert.equal(res.statusCode, 303)
})

test('every portal form needs its CSRF token, bound to the portal session: without it, or with a pre-sign-in one, nothing changes', async () => {
  const user = await addProducerUser(t.database, producerId)
  const b = new Browser(t.app, '10.6.0.5')
  await b.get('/portail/connexion')
  const beforeSignIn = b.csrf
  const noToken = await b.post('/portail/connexion', { email: user.email, password: PRODUCER_PASSWORD }, null)
  assert.equal(noToken.statusCode, 403)
  assert.ok(!b.cookies.has('lakou_producer'), 'no session without the token')
  assert.equal((await b.post('/portail/connexion', { email: user.email, password: PRODUCER_PASSWORD })).statusCode, 303)
  const f = await insertSupplyFixture(t.database.db, producerId, 'CSRF', user.id)
  for (const csrf of [null, beforeSignIn, 'x'.repeat(43)]) {
    const res = await b.post(`/portail/commandes/${f.poId}/confirmer`, {}, csrf)
    assert.equal(res.statusCode, 403, `confirm with csrf=${String(csrf).slice(0, 8)} answered ${res.statusCode}`)
  }
  assert.equal(await poStatus(f.poId), 'sent')
  await b.get(`/portail/commandes/${f.poId}`)
  const confirmed = await b.post(`/portail/commandes/${f.poId}/confirmer`, {})
  assert.equal(confirmed.statusCode, 303)
  assert.equal(await poStatus(f.poId), 'confirmed')
  const page = await b.get(confirmed.headers.location as string)
  assert.match(textOf(page.body), /le bon de commande est confirmé/)
  assert.ok(!page.body.includes('>Confirmer<'), 'no second confirmation button')
})
