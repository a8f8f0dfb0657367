import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { producerIdOf } from '../helpers/producer.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { Browser, textOf } from './account-helpers.ts'

// Portal accounts in the back office: supply.read lists them, supply.manage creates (own or
// generated password, shown once) and deactivates them (their sessions end at once).

let t: TestApp
let producerId: string
let manager: Browser
const accountsUrl = () => `/admin/producteurs/${producerId}/comptes`

before(async () => {
  t = await testApp()
  producerId = await producerIdOf(t.database.db, 'PRD-JFL')
  manager = (await signedInStaff(t.app, t.database, ['project_manager'])).browser
})
after(() => t.close())

test('a manager creates an account with a generated password shown once, and the producer signs in with it', async () => {
  const res = await manager.submit(accountsUrl(), { name: 'Rose Flamboyance', email: 'Rose@Jardins.test', password: '' })
  assert.equal(res.statusCode, 201)
  const shown = /affiché une seule fois : <code>([^<]+)<\/code>/.exec(res.body)
  assert.ok(shown, 'the generated password is shown')
  const password = shown[1]!
  assert.ok(password.length >= 12)
  const again = await manager.get(accountsUrl())
  assert.ok(!again.body.includes(password), 'never shown again')
  assert.ok(again.body.includes('rose@jardins.test'))
  const stored = await sql<{ password_hash: string; producer_id: string }>`SELECT password_hash, producer_id FROM producer_users WHERE email = 'rose@jardins.test'`.execute(t.database.db)
  assert.match(stored.rows[0]!.password_hash, /^\$argon2id\$/)
  assert.equal(stored.rows[0]!.producer_id, producerId)
  const b = new Browser(t.app, '10.7.0.1')
  assert.equal((await b.submit('/portail/connexion', { email: 'rose@jardins.test', password })).statusCode, 303)
})

test('bad input is refused field by field and creates nothing: weak password, bad e-mail, e-mail taken', async () => {
  const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM producer_users`.execute(t.database.db)).rows[0]!.n)
  const before = await count()
  const weak = await manager.submit(accountsUrl(), { name: 'Léo', email: 'leo@jardins.test', password: 'court' })
  assert.equal(weak.statusCode, 400)
  assert.match(textOf(weak.body), /au moins 12 caractères/)
  const badEmail = await manager.submit(accountsUrl(), { name: 'Léo', email: 'pas-une-adresse', password: 'un mot de passe solide' })
  assert.equal(badEmail.statusCode, 400)
  assert.match(textOf(badEmail.body), /Adresse e-mail invalide/)
  const taken = await manager.submit(accountsUrl(), { name: 'Autre Rose', email: 'ROSE@jardins.test', password: 'un mot de passe solide' })
  assert.equal(taken.statusCode, 409)
  assert.match(textOf(taken.body), /déjà cette adresse e-mail/)
  assert.equal(await count(), before)
})

test('deactivating an account ends its open sessions at once', async () => {
  const created = await manager.submit(accountsUrl(), { name: 'Marc Flamboyance', email: 'marc@jardins.test', password: 'hibiscus rouge 2026' })
  assert.equal(created.statusCode, 201)
  const portal = new Browser(t.app, '10.7.0.2')
  assert.equal((await portal.submit('/portail/connexion', { email: 'marc@jardins.test', password: 'hibiscus rouge 2026' })).statusCode, 303)
  assert.equal((await portal.get('/portail')).statusCode, 200)
  const id = (await sql<{ id: string }>`SELECT id FROM producer_users WHERE email = 'marc@jardins.test'`.execute(t.database.db)).rows[0]!.id
  await manager.get(accountsUrl())
  const off = await manager.post(`${accountsUrl()}/${id}/desactiver`, {})
  assert.equal(off.statusCode, 303)
  assert.equal((await portal.get('/portail')).statusCode, 303, 'the open session no longer works')
  const list = await manager.get(off.headers.location as string)
  assert.match(textOf(list.body), /Marc Flamboyance marc@jardins\.test Désactivé/)
  const retry = new Browser(t.app, '10.7.0.3')
  assert.equal((await retry.submit('/portail/connexion', { email: 'marc@jardins.test', password: 'hibiscus rouge 2026' })).statusCode, 401)
})

test('supply.read sees the list without the forms; it may not create; unknown ids answer 404', async () => {
  const { browser: reader } = await signedInStaff(t.app, t.database, ['logistics'])
  const page = await reader.get(accountsUrl())
  assert.equal(page.statusCode, 200)
  assert.ok(page.body.includes('rose@jardins.test'))
  assert.ok(!page.body.includes('Créer le compte'))
  assert.equal((await reader.post(accountsUrl(), { name: 'X', email: 'x@jardins.test', password: 'un mot de passe solide' })).statusCode, 403)
  const zzz = 'zzz_00000000000000000000000000'
  assert.equal((await manager.get(`/admin/producteurs/${zzz}/comptes`)).statusCode, 404)
  await manager.get(accountsUrl())
  assert.equal((await manager.post(`/admin/producteurs/${zzz}/comptes/${zzz}/desactiver`, {})).statusCode, 404)
  assert.equal((await manager.post(`${accountsUrl()}/${zzz}/desactiver`, {})).statusCode, 404)
  // an account of another producer cannot be deactivated through this producer's page
  const other = await producerIdOf(t.database.db, 'PRD-ACS')
  const otherUser = await sql<{ id: string }>`INSERT INTO producer_users (id, producer_id, email, name, password_hash) SELECT 'pru_X', ${other}, 'x@acs.test', 'X', password_hash FROM producer_users LIMIT 1 RETURNING id`.execute(t.database.db)
  assert.equal((await manager.post(`${accountsUrl()}/${otherUser.rows[0]!.id}/desactiver`, {})).statusCode, 404)
  assert.equal((await sql<{ active: boolean }>`SELECT active FROM producer_users WHERE id = 'pru_X'`.execute(t.database.db)).rows[0]!.active, true)
})
