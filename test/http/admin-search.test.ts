import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { textOf } from './account-helpers.ts'

// Search merchandising as the e-merchandiser uses it: a rule changes what shoppers get, the preview
// shows it beside the result without rules, every change is in the audit log; other roles only look.

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

/** Product handles in the order the storefront search shows them. */
async function storefrontOrder(query: string): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/store/search?q=${encodeURIComponent(query)}&per_page=24` })
  assert.equal(res.statusCode, 200)
  return (res.json() as { items: { handle: string }[] }).items.map((i) => i.handle)
}

test('pinning the last result of "rhum" to slot 1 moves it first for shoppers; the preview shows both orders; removing restores', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['e_merchandiser'])
  const before = await storefrontOrder('rhum')
  assert.ok(before.length >= 3, 'several rums in the demo market')
  const last = before.at(-1)!
  const res = await browser.submit('/admin/recherche', { action: 'PIN', query: 'Rhum', product: last, position: '1', locale: '' }, '/admin/recherche/regles')
  assert.equal(res.statusCode, 303)
  const after = await storefrontOrder('rhum')
  assert.equal(after[0], last, 'the pinned product is first at once')
  assert.deepEqual([...after].sort(), [...before].sort(), 'same products, new order')

  const preview = await browser.get('/admin/recherche?q=rhum&langue=fr&marche=FR-MAINLAND')
  assert.equal(preview.statusCode, 200)
  const text = textOf(preview.body)
  assert.match(text, /Ce que voient les clients \(avec les règles\)/)
  assert.match(preview.body, /épinglé/)
  const lists = [...preview.body.matchAll(/<ol class="preview">([\s\S]*?)<\/ol>/g)].map((m) => [...m[1]!.matchAll(/<small>\(([^)]+)\)<\/small>/g)].map((x) => x[1]))
  assert.equal(lists[0]![0], last, 'with rules: pinned first')
  assert.notEqual(lists[1]![0], last, 'without rules: the natural order')

  const ruleId = (await sql<{ id: string }>`select id from search_rules where action = 'PIN' order by created_at desc limit 1`.execute(t.database.db)).rows[0]!.id
  await browser.get('/admin/recherche')
  assert.equal((await browser.post(`/admin/recherche/regles/${ruleId}/supprimer`, {})).statusCode, 303)
  assert.deepEqual(await storefrontOrder('rhum'), before)
  const audit = await sql<{ action: string; actor_kind: string }>`select action, actor_kind from audit_log where entity_id = ${ruleId} order by id`.execute(t.database.db)
  assert.deepEqual(audit.rows.map((r) => r.action), ['search.rule_created', 'search.rule_deleted'])
  assert.equal(audit.rows[0]!.actor_kind, 'staff')
})

test('a redirect rule sends the query to a page; a rule form with problems says which field, and nothing is stored', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['e_merchandiser'])
  const count = async () => Number((await sql<{ n: string }>`select count(*) n from search_rules`.execute(t.database.db)).rows[0]!.n)
  const n0 = await count()
  await browser.get('/admin/recherche')
  const bad = await browser.post('/admin/recherche/regles', { action: 'PIN', query: 'rhum', product: 'no-such-product', position: '0' })
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /La première position est 1/)
  const unknown = await browser.post('/admin/recherche/regles', { action: 'BOOST', query: 'rhum', product: 'no-such-product' })
  assert.equal(unknown.statusCode, 400)
  assert.match(textOf(unknown.body), /Aucun produit ne correspond/)
  const offsite = await browser.post('/admin/recherche/regles', { action: 'REDIRECT', query: 'cadeau', path: '//evil.example' })
  assert.equal(offsite.statusCode, 400)
  assert.equal(await count(), n0, 'nothing stored')
  const ok = await browser.post('/admin/recherche/regles', { action: 'REDIRECT', query: 'Idées cadeaux', path: '/fr/collections' })
  assert.equal(ok.statusCode, 303)
  const shopper = await t.app.inject({ method: 'GET', url: '/fr/search?q=idees%20cadeaux' })
  assert.equal(shopper.statusCode, 302)
  assert.equal(shopper.headers.location, '/fr/collections')
})

test('synonyms: a group added makes a word find products; previews are not logged as shoppers’ searches', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['e_merchandiser'])
  assert.equal((await storefrontOrder('tafia')).length, 0)
  const logged = async () => Number((await sql<{ n: string }>`select count(*) n from search_queries`.execute(t.database.db)).rows[0]!.n)
  const n0 = await logged()
  await browser.get('/admin/recherche?q=tafia')
  assert.equal(await logged(), n0, 'the preview is not in the query log')
  const bad = await browser.submit('/admin/recherche', { locale: 'fr', terms: 'tafia' }, '/admin/recherche/synonymes')
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /au moins deux termes/)
  const res = await browser.submit('/admin/recherche', { locale: 'fr', terms: 'tafia, rhum' }, '/admin/recherche/synonymes')
  assert.equal(res.statusCode, 303)
  assert.ok((await storefrontOrder('tafia')).length > 0, 'tafia now finds rums')
})

test('roles that may only look see the page without forms, and their POSTs are refused', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['ux_designer'])
  const page = await browser.get('/admin/recherche')
  assert.equal(page.statusCode, 200)
  assert.doesNotMatch(page.body, /action="\/admin\/recherche\/regles"/)
  const refused = await browser.post('/admin/recherche/regles', { action: 'BOOST', query: 'rhum', product: 'x' })
  assert.equal(refused.statusCode, 403)
})
