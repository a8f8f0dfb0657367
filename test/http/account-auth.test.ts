import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { buildApp } from '../../src/http/app.ts'
import { loadConfig } from '../../src/kernel/config.ts'
import { PASSWORD_MIN_LENGTH } from '../../src/modules/customers/index.ts'
import { testApp, TEST_PUBLIC_URL, type TestApp } from '../helpers/test-app.ts'
import { Browser, PASSWORD, signUpAs, textOf } from './account-helpers.ts'

// Sign up, sign in, sign out and sessions, as a shopper's browser sees them.

let t: TestApp
before(async () => {
  t = await testApp({ env: { PAGE_CACHE_SECONDS: '30' } })
})
after(async () => t.close())

const customerRow = async (email: string) =>
  (await sql<{ id: string; password_hash: string; first_name: string }>`select id, password_hash, first_name from customers where lower(email) = lower(${email})`.execute(t.database.db)).rows[0]

test('sign up: errors next to each field with the input kept (never the password), then an account stored with argon2id', async () => {
  const b = new Browser(t.app, '10.0.1.1')
  const page = await b.get('/fr/compte/inscription')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /<label for="email">Adresse e-mail/)
  assert.match(page.body, new RegExp(`Au moins ${PASSWORD_MIN_LENGTH} caractères`), 'the password rule is stated before typing (and agrees with the policy)')
  assert.match(page.body, /<meta name="robots" content="noindex, follow"\/>/)

  const bad = await b.post('/fr/compte/inscription', { email: 'not-an-email', password: 'short', firstName: '', lastName: 'Martin <b>', birthDate: '' })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /role="alert"/)
  assert.match(bad.body, /id="email-error"[^>]*>Saisissez une adresse e-mail valide/)
  assert.match(bad.body, /aria-invalid="true" aria-describedby="email-error"|aria-describedby="email-error"/)
  assert.match(bad.body, /id="firstName-error"/)
  assert.match(bad.body, /name="lastName" type="text" value="Martin &lt;b>"/, 'typed values come back, escaped')
  assert.doesNotMatch(bad.body, /value="short"/, 'the password is never sent back')

  const weak = await b.post('/fr/compte/inscription', { email: 'lea@example.com', password: 'short', firstName: 'Léa', lastName: 'Martin' })
  assert.equal(weak.statusCode, 400)
  assert.match(weak.body, /au moins 12 caractères/)

  await signUpAs(b, 'Lea@Example.com')
  const row = await customerRow('lea@example.com')
  assert.ok(row)
  assert.match(row.password_hash, /^\$argon2id\$/)
  assert.ok(!row.password_hash.includes(PASSWORD))
  const cookie = (await t.app.inject({ method: 'GET', url: '/fr/compte/inscription' })).headers['set-cookie']
  assert.ok(cookie, 'a CSRF cookie is given to a new visitor')

  const again = await new Browser(t.app, '10.0.1.2').submit('/en/account/sign-up', { email: 'lea@EXAMPLE.com', password: PASSWORD, firstName: 'Other', lastName: 'Person' })
  assert.equal(again.statusCode, 409)
  assert.match(textOf(again.body), /There is already an account with this e-mail address/)
})

test('the session cookie is httpOnly, SameSite=Lax, 30 days; signed-in pages are private, no-store and never cached', async () => {
  const b = new Browser(t.app, '10.0.2.1')
  const page = await b.get('/fr/compte/inscription')
  assert.equal(page.headers['cache-control'], 'private, no-store')
  const res = await b.post('/fr/compte/inscription', { email: 'cookie@example.com', password: PASSWORD, firstName: 'Max', lastName: 'Dupont' })
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, '/fr/compte?done=welcome')
  const set = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith('lakou_session='))!
  assert.match(set, /HttpOnly/)
  assert.match(set, /SameSite=Lax/)
  assert.match(set, /Path=\//)
  const expires = new Date(/Expires=([^;]+)/.exec(set)![1]!)
  assert.ok(Math.abs(expires.getTime() - Date.now() - 30 * 86400_000) < 60_000)

  const home = await b.get('/fr/compte?done=welcome')
  assert.equal(home.statusCode, 200)
  assert.equal(home.headers['cache-control'], 'private, no-store')
  assert.match(textOf(home.body), /Bonjour Max .*Votre compte est créé/)
  // a storefront page: rendered for this customer, not taken from (nor put in) the shared page cache
  const anon = await t.app.inject('/fr/producteurs')
  assert.equal(anon.statusCode, 200)
  assert.equal((await t.app.inject('/fr/producteurs')).headers['x-page-cache'], 'hit')
  const mine = await b.get('/fr/producteurs')
  assert.equal(mine.headers['x-page-cache'], undefined)
  assert.equal(mine.headers['cache-control'], 'private, no-store')
})

test('sign in: a wrong password says so without telling which field; the right one goes to a safe local next only', async () => {
  await signUpAs(new Browser(t.app, '10.0.3.1'), 'signin@example.com', 'Inès')
  const b = new Browser(t.app, '10.0.3.2')
  const wrong = await b.submit('/fr/compte/connexion?next=/fr/compte/adresses', { email: 'signin@example.com', password: 'not my password at all', next: '/fr/compte/adresses' })
  assert.equal(wrong.statusCode, 401)
  assert.match(textOf(wrong.body), /Adresse e-mail ou mot de passe incorrect/)
  assert.match(wrong.body, /name="email" type="email" value="signin@example.com"/)
  assert.doesNotMatch(wrong.body, /not my password at all/)
  assert.ok(!b.cookies.has('lakou_session'))

  const ok = await b.post('/fr/compte/connexion', { email: 'SIGNIN@example.com', password: PASSWORD, next: '/fr/compte/adresses' })
  assert.equal(ok.statusCode, 303)
  assert.equal(ok.headers.location, '/fr/compte/adresses')
  for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/fr//evil.example', 'javascript:alert(1)']) {
    const c = new Browser(t.app, '10.0.3.3')
    const res = await c.submit('/en/account/sign-in', { email: 'signin@example.com', password: PASSWORD, next: evil })
    assert.equal(res.statusCode, 303)
    assert.equal(res.headers.location, '/en/account', `next=${evil} is ignored`)
  }
  // signed in, the sign-in page sends to the account
  assert.equal((await b.get('/fr/compte/connexion')).headers.location, '/fr/compte')
})

test('session rotation: signing in again gives a new session and the old cookie no longer works; sign out ends it', async () => {
  const b = new Browser(t.app, '10.0.4.1')
  await signUpAs(b, 'rotate@example.com')
  const first = b.cookies.get('lakou_session')!
  const stolen = new Browser(t.app, '10.0.4.9')
  stolen.cookies.set('lakou_session', first) // someone who copied the first cookie
  assert.equal((await stolen.get('/fr/compte')).statusCode, 200)

  await b.get('/fr/compte') // signed in, the sign-in page redirects: post the form from another page
  const res = await b.post('/fr/compte/connexion', { email: 'rotate@example.com', password: PASSWORD })
  assert.equal(res.statusCode, 303)
  const second = b.cookies.get('lakou_session')!
  assert.notEqual(second, first)
  const old = await stolen.get('/fr/compte')
  assert.equal(old.statusCode, 303, 'the old cookie is signed out')
  assert.match(String(old.headers.location), /^\/fr\/compte\/connexion\?next=/)
  assert.ok(!stolen.cookies.has('lakou_session'), 'and the browser is told to forget it')
  assert.equal((await b.get('/fr/compte')).statusCode, 200)

  await b.get('/fr/compte')
  const out = await b.post('/fr/compte/deconnexion', {})
  assert.equal(out.statusCode, 303)
  assert.equal(out.headers.location, '/fr/')
  assert.ok(!b.cookies.has('lakou_session'))
  const replay = new Browser(t.app, '10.0.4.8')
  replay.cookies.set('lakou_session', second)
  assert.equal((await replay.get('/fr/compte')).statusCode, 303, 'the signed-out session is gone on the server too')
  const sessions = await sql<{ n: number }>`select count(*)::int as n from customer_sessions s join customers c on c.id = s.customer_id where c.email = 'rotate@example.com'`.execute(t.database.db)
  assert.equal(sessions.rows[0]!.n, 0)
})

test('rate limit: after 5 wrong passwords a 429 with a clear message, even for the right password and from another app instance', async () => {
  await signUpAs(new Browser(t.app, '10.0.5.1'), 'limited@example.com')
  const b = new Browser(t.app, '10.0.5.2')
  for (let i = 0; i < 5; i++) {
    const res = await b.submit('/fr/compte/connexion', { email: 'limited@example.com', password: `guess number ${i}` })
    assert.equal(res.statusCode, 401, `attempt ${i + 1}`)
  }
  const sixth = await b.submit('/fr/compte/connexion', { email: 'limited@example.com', password: PASSWORD })
  assert.equal(sixth.statusCode, 429)
  assert.ok(Number(sixth.headers['retry-after']) > 0)
  assert.match(textOf(sixth.body), /Trop de tentatives de connexion.*réessayez dans 15 minutes/)
  assert.ok(!b.cookies.has('lakou_session'))

  // a second process on the same database sees the same counters
  const config = loadConfig({ LAKOU_DATA_DIR: t.config.dataDir, PUBLIC_URL: TEST_PUBLIC_URL, LOG_LEVEL: 'silent', PAGE_CACHE_SECONDS: '0' })
  const other = await buildApp(config, { database: t.database })
  try {
    const c = new Browser(other, '10.0.5.3')
    const res = await c.submit('/en/account/sign-in', { email: 'LIMITED@example.com', password: PASSWORD })
    assert.equal(res.statusCode, 429)
    assert.match(textOf(res.body), /Too many sign-in attempts/)
  } finally {
    await other.close()
  }
})
