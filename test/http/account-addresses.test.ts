import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { Browser, signUpAs, textOf } from './account-helpers.ts'

// Saved addresses through the account pages; one customer never reaches another's.

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

const addressRows = async () => (await sql<{ id: string; name: string; country: string; postal_code: string; is_default: boolean }>`select id, name, country, postal_code, is_default from customer_addresses order by created_at, id`.execute(t.database.db)).rows
const HOME = { name: 'Léa Martin', line1: '12 rue des Flamboyants', line2: '', postalCode: '97122', city: 'Baie-Mahault', country: 'GP', phone: '0690 12 34 56' }

test('add, list, edit and delete addresses; errors next to the fields with the typed values kept', async () => {
  const b = new Browser(t.app, '10.4.0.1')
  assert.match(String((await b.get('/fr/compte/adresses')).headers.location), /^\/fr\/compte\/connexion\?next=%2Ffr%2Fcompte%2Fadresses$/, 'anonymous: sign in first')
  await signUpAs(b, 'addr@example.com')

  const form = await b.get('/fr/compte/adresses/nouvelle')
  assert.equal(form.statusCode, 200)
  assert.match(form.body, /<option value="GP"[^>]*>Guadeloupe<\/option>/)
  const bad = await b.post('/fr/compte/adresses/nouvelle', { ...HOME, postalCode: '75011', city: '' })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /id="postalCode-error"[^>]*>Ce code postal ne correspond pas/)
  assert.match(bad.body, /id="city-error"/)
  assert.match(bad.body, /name="line1" type="text" value="12 rue des Flamboyants"/)
  assert.match(bad.body, /<option value="GP" selected/)

  const saved = await b.post('/fr/compte/adresses/nouvelle', HOME)
  assert.equal(saved.statusCode, 303)
  assert.equal(saved.headers.location, '/fr/compte/adresses?done=saved')
  const list = await b.get('/fr/compte/adresses?done=saved')
  assert.match(textOf(list.body), /Adresse enregistrée\..*Léa Martin 12 rue des Flamboyants 97122 Baie-Mahault Guadeloupe .*Adresse par défaut/)
  const [row] = await addressRows()
  assert.deepEqual({ country: row!.country, postal: row!.postal_code, def: row!.is_default }, { country: 'FR', postal: '97122', def: true }, 'stored as France + postal code')

  await b.submit('/fr/compte/adresses/nouvelle', { ...HOME, name: 'Bureau', line1: '3 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR', isDefault: '1' })
  const edit = await b.get(`/fr/compte/adresses/${row!.id}`)
  assert.match(edit.body, /name="name" type="text" value="Léa Martin"/)
  assert.match(edit.body, /<option value="GP" selected/)
  const changed = await b.post(`/fr/compte/adresses/${row!.id}`, { ...HOME, name: 'Léa M.', isDefault: '1' })
  assert.equal(changed.statusCode, 303)
  const rows = await addressRows()
  assert.deepEqual(rows.map((r) => [r.name, r.is_default]), [['Léa M.', true], ['Bureau', false]])

  await b.get('/fr/compte/adresses')
  const del = await b.post(`/fr/compte/adresses/${row!.id}/supprimer`, {})
  assert.equal(del.statusCode, 303)
  assert.deepEqual((await addressRows()).map((r) => [r.name, r.is_default]), [['Bureau', true]], 'the default moved to the address left')
  assert.equal((await b.get('/en/account/addresses/adr_nonsense')).statusCode, 400)
})

test("customer B can never read, edit or delete customer A's address: 404 and nothing changed", async () => {
  const a = new Browser(t.app, '10.5.0.1')
  await signUpAs(a, 'alice@example.com', 'Alice')
  await a.submit('/en/account/addresses/new', { ...HOME, name: 'Alice Home' })
  const aliceAddress = (await addressRows()).find((r) => r.name === 'Alice Home')!
  const before = JSON.stringify(await addressRows())

  const b = new Browser(t.app, '10.5.0.2')
  await signUpAs(b, 'bob@example.com', 'Bob')
  const read = await b.get(`/en/account/addresses/${aliceAddress.id}`)
  assert.equal(read.statusCode, 404)
  assert.doesNotMatch(read.body, /Alice Home|Flamboyants/)
  await b.get('/en/account/addresses')
  assert.equal((await b.post(`/en/account/addresses/${aliceAddress.id}`, { ...HOME, name: 'Bob was here' })).statusCode, 404)
  assert.equal((await b.post(`/en/account/addresses/${aliceAddress.id}`, { name: '' })).statusCode, 404, 'even with field errors')
  assert.equal((await b.post(`/en/account/addresses/${aliceAddress.id}/delete`, {})).statusCode, 404)
  assert.doesNotMatch((await b.get('/en/account/addresses')).body, /Alice Home/)
  assert.equal(JSON.stringify(await addressRows()), before)
})
