import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { totpCodeAt, updateStaff } from '../../src/modules/staff/index.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { addStaff, STAFF_PASSWORD, staffBrowser } from '../helpers/staff.ts'
import { Browser, signUpAs, textOf } from './account-helpers.ts'

// Back-office sign-in as the team meets it: sessions apart from shoppers', lockout, TOTP, revocation.

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

test('no back-office page answers without a staff session: pages send to sign-in, the API says 401', async () => {
  const b = new Browser(t.app, '10.9.0.1')
  const home = await b.get('/admin')
  assert.equal(home.statusCode, 303)
  assert.equal(home.headers.location, '/admin/connexion?suite=%2Fadmin')
  const team = await b.get('/admin/equipe', { accept: 'application/json' })
  assert.equal(team.statusCode, 401)
  const signIn = await b.get('/admin/connexion')
  assert.equal(signIn.statusCode, 200)
  assert.equal(signIn.headers['cache-control'], 'no-store')
  assert.match(String(signIn.headers['x-robots-tag']), /noindex/)
})

test('a shopper session opens nothing in the back office, even with the same e-mail', async () => {
  const member = await addStaff(t.database, ['administrator'], { email: 'same-person@lakou.test' })
  const b = new Browser(t.app, '10.9.0.2')
  await signUpAs(b, member.email)
  const res = await b.get('/admin')
  assert.equal(res.statusCode, 303, 'the customer cookie is not a staff session')
})

test('sign in, land on the home page of the role, sign out; a wrong password says so and changes nothing', async () => {
  const member = await addStaff(t.database, ['customer_service'])
  const b = new Browser(t.app, '10.9.0.3')
  await b.get('/admin/connexion')
  const wrong = await b.post('/admin/connexion', { email: member.email, password: 'not the password at all' })
  assert.equal(wrong.statusCode, 401)
  assert.match(textOf(wrong.body), /Adresse e-mail ou mot de passe incorrect/)
  assert.ok(!b.cookies.has('lakou_staff'))
  const ok = await b.post('/admin/connexion', { email: member.email.toUpperCase(), password: STAFF_PASSWORD, suite: '/admin/roles' })
  assert.equal(ok.statusCode, 303)
  assert.equal(ok.headers.location, '/admin/roles', 'back to the page asked for')
  const home = await b.get('/admin')
  assert.equal(home.statusCode, 200)
  const text = textOf(home.body)
  assert.match(text, /Commandes/)
  assert.match(text, /Service client/)
  assert.doesNotMatch(home.body, /href="\/admin\/equipe"/, 'the menu hides what the role may not use')
  assert.match(home.body, /href="\/admin\/commandes"/)
  const out = await b.post('/admin/deconnexion', {})
  assert.equal(out.statusCode, 303)
  assert.equal((await b.get('/admin')).statusCode, 303, 'signed out')
})

test('an open redirect through ?suite= is refused: only back-office paths', async () => {
  const member = await addStaff(t.database, ['data_analyst'])
  const b = new Browser(t.app, '10.9.0.4')
  await b.get('/admin/connexion')
  const res = await b.post('/admin/connexion', { email: member.email, password: STAFF_PASSWORD, suite: '//evil.example/admin' })
  assert.equal(res.headers.location, '/admin')
})

test('five wrong passwords lock the account for 15 minutes, even with the right password afterwards', async () => {
  const member = await addStaff(t.database, ['finance'])
  const b = new Browser(t.app, '10.9.0.5')
  await b.get('/admin/connexion')
  for (let i = 0; i < 5; i++) assert.equal((await b.post('/admin/connexion', { email: member.email, password: `wrong guess number ${i}` })).statusCode, 401)
  const sixth = await b.post('/admin/connexion', { email: member.email, password: STAFF_PASSWORD })
  assert.equal(sixth.statusCode, 429)
  assert.match(textOf(sixth.body), /bloqué pendant 15 minutes/)
  const row = (await sql<{ locked_until: Date }>`select locked_until from staff_users where id = ${member.id}`.execute(t.database.db)).rows[0]!
  assert.ok(row.locked_until.getTime() > Date.now() + 14 * 60_000)
  assert.equal((await b.post('/admin/connexion', { email: member.email, password: STAFF_PASSWORD })).statusCode, 429, 'still locked')
})

test('forms without their CSRF token are refused before anything happens', async () => {
  const member = await addStaff(t.database, ['administrator'])
  const b = await staffBrowser(t.app, member, '10.9.0.6')
  const before = (await sql<{ n: string }>`select count(*) n from staff_users`.execute(t.database.db)).rows[0]!.n
  const res = await b.post('/admin/equipe', { name: 'Intrus', email: 'intrus@lakou.test', password: 'abcdefghijklmnop', roles: 'administrator' }, null)
  assert.equal(res.statusCode, 403)
  const after = (await sql<{ n: string }>`select count(*) n from staff_users`.execute(t.database.db)).rows[0]!.n
  assert.equal(after, before)
})

test('TOTP: enrol with a code, then sign-in asks for it; a reused code is refused; the session is useless before the code', async () => {
  const member = await addStaff(t.database, ['e_merchandiser'])
  const b = await staffBrowser(t.app, member, '10.9.0.7')
  await b.get('/admin/compte')
  const started = await b.post('/admin/compte/totp', {})
  assert.equal(started.statusCode, 200)
  const secret = /<code>([A-Z2-7]{32})<\/code>/.exec(started.body)?.[1]
  assert.ok(secret, 'the page shows the key (and its QR code)')
  assert.match(started.body, /src="data:image\/svg\+xml;base64,/)
  const bad = await b.post('/admin/compte/totp/confirmer', { code: '000000' === totpCodeAt(secret, new Date()) ? '111111' : '000000' })
  assert.equal(bad.statusCode, 400)
  const enrolCode = totpCodeAt(secret, new Date())
  const ok = await b.post('/admin/compte/totp/confirmer', { code: enrolCode })
  assert.equal(ok.statusCode, 303)
  await b.post('/admin/deconnexion', {})

  const c = new Browser(t.app, '10.9.0.8')
  await c.get('/admin/connexion')
  const pw = await c.post('/admin/connexion', { email: member.email, password: STAFF_PASSWORD })
  assert.equal(pw.statusCode, 303)
  assert.match(String(pw.headers.location), /^\/admin\/connexion\/code/)
  assert.equal((await c.get('/admin')).headers.location, '/admin/connexion/code', 'nothing before the code')
  assert.equal((await c.get('/admin/roles', { accept: 'application/json' })).statusCode, 401)
  await c.get('/admin/connexion/code')
  const replay = await c.post('/admin/connexion/code', { code: enrolCode })
  assert.equal(replay.statusCode, 401, 'the code used to enrol cannot be used again')
  // the next time step's code (accepted within the ±1 step window)
  const next = totpCodeAt(secret, new Date(Date.now() + 30_000))
  const passed = await c.post('/admin/connexion/code', { code: next })
  assert.equal(passed.statusCode, 303)
  assert.equal((await c.get('/admin')).statusCode, 200)
  const sealed = (await sql<{ totp_sealed: string }>`select totp_sealed from staff_users where id = ${member.id}`.execute(t.database.db)).rows[0]!.totp_sealed
  assert.ok(!sealed.includes(secret), 'the secret is stored sealed, not in clear')
})

test('removing a role ends the member’s open sessions at once; deactivating too', async () => {
  const member = await addStaff(t.database, ['customer_service', 'finance'])
  const b = await staffBrowser(t.app, member, '10.9.0.9')
  assert.equal((await b.get('/admin')).statusCode, 200)
  const ctx = systemCtx(t.database.db, 'test')
  await updateStaff(ctx, { staffId: member.id, name: member.name, roles: ['customer_service'], active: true })
  assert.equal((await b.get('/admin')).statusCode, 303, 'signed out by the role change')
  const again = await staffBrowser(t.app, member, '10.9.0.9')
  await updateStaff(ctx, { staffId: member.id, name: member.name, roles: ['customer_service'], active: false })
  assert.equal((await again.get('/admin')).statusCode, 303)
  const c = new Browser(t.app, '10.9.0.10')
  await c.get('/admin/connexion')
  assert.equal((await c.post('/admin/connexion', { email: member.email, password: STAFF_PASSWORD })).statusCode, 401, 'a deactivated account cannot sign in')
})

test('an administrator creates a member with roles (field errors first), and the audit log shows who did it', async () => {
  const admin = await addStaff(t.database, ['administrator'], { name: 'Admin Audit' })
  const b = await staffBrowser(t.app, admin, '10.9.0.11')
  await b.get('/admin/equipe')
  const bad = await b.post('/admin/equipe', { name: '', email: 'nope', password: 'short' })
  assert.equal(bad.statusCode, 400)
  const text = textOf(bad.body)
  assert.match(text, /Le nom est obligatoire/)
  assert.match(text, /Adresse e-mail invalide/)
  assert.match(text, /au moins 12 caractères/)
  assert.match(text, /Choisissez au moins un rôle/)
  const email = `nouveau-${Date.now()}@lakou.test`
  const form = new URLSearchParams({ _csrf: b.csrf, name: 'Nouvelle <script>alert(1)</script>', email, password: 'un mot de passe solide' })
  form.append('roles', 'logistics')
  form.append('roles', 'finance')
  const created = await t.app.inject({ method: 'POST', url: '/admin/equipe', remoteAddress: b.ip, payload: form.toString(), headers: { cookie: b.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' } })
  assert.equal(created.statusCode, 303)
  const list = await b.get('/admin/equipe')
  assert.match(list.body, /Nouvelle &lt;script>alert\(1\)&lt;\/script>/, 'names are escaped')
  assert.match(textOf(list.body), /Logistique \/ entrepôt, Finance|Finance, Logistique \/ entrepôt/)
  const duplicate = await b.submit('/admin/equipe', { name: 'Double', email: email.toUpperCase(), password: 'un mot de passe solide', roles: 'finance' })
  assert.equal(duplicate.statusCode, 400)
  assert.match(textOf(duplicate.body), /déjà cette adresse/)
  const journal = await b.get(`/admin/journal?action=staff.created&qui=${encodeURIComponent(admin.email)}`)
  assert.equal(journal.statusCode, 200)
  assert.match(journal.body, new RegExp(email.replace(/[.]/g, '\\.')))
})

test('the last administrator cannot remove their own role', async () => {
  await sql`delete from staff_roles where role = 'administrator'`.execute(t.database.db)
  const admin = await addStaff(t.database, ['administrator'])
  const b = await staffBrowser(t.app, admin, '10.9.0.12')
  const res = await b.submit(`/admin/equipe/${admin.id}`, { name: admin.name, roles: 'finance', active: 'on' })
  assert.equal(res.statusCode, 409)
  assert.match(textOf(res.body), /au moins un administrateur/)
})
