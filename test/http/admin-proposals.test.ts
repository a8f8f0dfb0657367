import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { producerIdOf, signedInProducer } from '../helpers/producer.ts'
import { signedInStaff } from '../helpers/staff.ts'
import * as image from '../helpers/image-fixtures.ts'
import { textOf, type Browser } from './account-helpers.ts'

// Content proposals end to end: the producer proposes texts and a photo for one of its products,
// an e-merchandiser compares them side by side and approves (through the catalog's versioned
// update) or rejects with a note; the producer sees the decision.

let t: TestApp
let producer: Browser
let editor: Browser
let productId: string
before(async () => {
  t = await testApp()
  const producerId = await producerIdOf(t.database.db, 'PRD-FVV')
  productId = (await sql<{ id: string }>`SELECT id FROM products WHERE producer_id = ${producerId} ORDER BY handle LIMIT 1`.execute(t.database.db)).rows[0]!.id
  producer = (await signedInProducer(t.app, t.database, producerId)).browser
  editor = (await signedInStaff(t.app, t.database, ['e_merchandiser'])).browser
})
after(() => t.close())

const product = async () => (await sql<{ name_fr: string; name_en: string; description_en: string | null; version: number }>`SELECT name_fr, name_en, description_en, version FROM products WHERE id = ${productId}`.execute(t.database.db)).rows[0]!
const proposals = async () => (await sql<{ id: string; status: string; changes: Record<string, string>; image_ids: string[]; review_note: string | null }>`SELECT id, status, changes, image_ids, review_note FROM content_proposals WHERE product_id = ${productId} ORDER BY created_at, id`.execute(t.database.db)).rows
const proposeUrl = () => `/portail/produits/${productId}/proposer`

async function proposeTexts(fields: Record<string, string>) {
  const page = await producer.get(proposeUrl())
  assert.equal(page.statusCode, 200)
  const current = await product()
  return producer.post(proposeUrl(), { name_fr: current.name_fr, name_en: current.name_en, description_fr: '', description_en: current.description_en ?? '', message: '', ...fields })
}

async function proposePhoto(bytes: Buffer, filename: string, type: string) {
  await producer.get(proposeUrl())
  const form = new FormData()
  form.append('_csrf', producer.csrf)
  form.append('alt_fr', 'Gousses de vanille au soleil')
  form.append('alt_en', 'Vanilla pods in the sun')
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  const encoded = new Response(form)
  return t.app.inject({ method: 'POST', url: `${proposeUrl()}/photo`, remoteAddress: producer.ip, payload: Buffer.from(await encoded.arrayBuffer()), headers: { cookie: producer.cookieHeader, 'content-type': encoded.headers.get('content-type')! } })
}

test('bad proposals are refused with a clear message and nothing is recorded', async () => {
  const blank = await proposeTexts({ name_fr: '   ' })
  assert.equal(blank.statusCode, 400)
  assert.match(textOf(blank.body), /Nom \(français\) est obligatoire/)
  const same = await proposeTexts({})
  assert.equal(same.statusCode, 400)
  assert.match(textOf(same.body), /Rien à proposer/)
  const notAnImage = await proposePhoto(image.pdf(), 'fiche.pdf', 'application/pdf')
  assert.equal(notAnImage.statusCode, 415)
  assert.match(textOf(notAnImage.body), /n’est pas une image/)
  assert.equal((await proposals()).length, 0)
})

test('the producer proposes new texts (only the changed ones are kept) and a photo; both wait for review', async () => {
  const res = await proposeTexts({ name_fr: 'Vanille <b>Bourbon</b> & gousses', description_en: 'Hand-picked pods, cured for nine months.', message: 'Nouvelle récolte' })
  assert.equal(res.statusCode, 303)
  const photo = await proposePhoto(await image.jpeg(800, 600), 'vanille.jpg', 'image/jpeg')
  assert.equal(photo.statusCode, 303, photo.body.slice(0, 300))
  const rows = await proposals()
  assert.equal(rows.length, 2)
  assert.deepEqual(Object.keys(rows[0]!.changes).sort(), ['description_en', 'name_fr'])
  assert.equal(rows[1]!.image_ids.length, 1)
  assert.ok(rows.every((r) => r.status === 'pending'))
  const mine = await producer.get('/portail/propositions')
  assert.equal((textOf(mine.body).match(/En attente/g) ?? []).length, 2)
})

test('a member without content.review cannot see or decide proposals', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['logistics'])
  assert.equal((await browser.get('/admin/propositions')).statusCode, 403)
  const [first] = await proposals()
  assert.equal((await browser.get(`/admin/propositions/${first!.id}`)).statusCode, 403)
})

test('the e-merchandiser sees current and proposed texts side by side, escaped; a stale version is refused', async () => {
  const list = await editor.get('/admin/propositions')
  assert.equal(list.statusCode, 200)
  const [texts] = await proposals()
  assert.ok(list.body.includes(`/admin/propositions/${texts!.id}`))
  const page = await editor.get(`/admin/propositions/${texts!.id}`)
  assert.equal(page.statusCode, 200)
  const current = await product()
  assert.ok(page.body.includes('Vanille &lt;b>Bourbon&lt;/b> &amp; gousses') || page.body.includes('Vanille &lt;b&gt;Bourbon&lt;/b&gt; &amp; gousses'), 'the proposed name is escaped')
  assert.ok(!page.body.includes('<b>Bourbon</b>'))
  assert.ok(textOf(page.body).includes(current.name_fr), 'the current name is shown')
  const stale = await editor.post(`/admin/propositions/${texts!.id}/accepter`, { version: String(current.version - 1 || 999) })
  assert.equal(stale.statusCode, 409)
  assert.equal((await product()).name_fr, current.name_fr, 'nothing applied')
  assert.equal((await proposals())[0]!.status, 'pending')
})

test('approving applies the texts through the catalog (version up, audited) and attaches the photo', async () => {
  const [texts, photo] = await proposals()
  const before = await product()
  await editor.get(`/admin/propositions/${texts!.id}`)
  const ok = await editor.post(`/admin/propositions/${texts!.id}/accepter`, { version: String(before.version) })
  assert.equal(ok.statusCode, 303)
  const after = await product()
  assert.equal(after.name_fr, 'Vanille <b>Bourbon</b> & gousses')
  assert.equal(after.description_en, 'Hand-picked pods, cured for nine months.')
  assert.equal(after.name_en, before.name_en, 'fields not proposed stay as they were')
  assert.equal(after.version, before.version + 1)
  const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE entity_id IN (${productId}, ${texts!.id}) ORDER BY id`.execute(t.database.db)
  assert.ok(audit.rows.some((r) => r.action === 'catalog.product_updated'))
  assert.ok(audit.rows.some((r) => r.action === 'portal.proposal_approved'))

  await editor.get(`/admin/propositions/${photo!.id}`)
  assert.equal((await editor.post(`/admin/propositions/${photo!.id}/accepter`, { version: String(after.version) })).statusCode, 303)
  const attached = await sql<{ image_id: string }>`SELECT image_id FROM product_images WHERE product_id = ${productId}`.execute(t.database.db)
  assert.ok(attached.rows.some((r) => r.image_id === photo!.image_ids[0]), 'the proposed photo is on the product')
  const again = await editor.post(`/admin/propositions/${photo!.id}/accepter`, { version: String(after.version) })
  assert.equal(again.statusCode, 409, 'a decided proposal cannot be decided again')
  const mine = await producer.get('/portail/propositions')
  assert.equal((textOf(mine.body).match(/Acceptée/g) ?? []).length, 2)
})

test('rejecting needs a note, which the producer then reads', async () => {
  const res = await proposeTexts({ name_en: 'Best vanilla ever!!!' })
  assert.equal(res.statusCode, 303)
  const pending = (await proposals()).find((p) => p.status === 'pending')!
  await editor.get(`/admin/propositions/${pending.id}`)
  const noNote = await editor.post(`/admin/propositions/${pending.id}/refuser`, { note: '  ' })
  assert.equal(noNote.statusCode, 400)
  assert.match(textOf(noNote.body), /Expliquez au producteur/)
  assert.equal((await editor.post(`/admin/propositions/${pending.id}/refuser`, { note: 'Les superlatifs ne sont pas autorisés.' })).statusCode, 303)
  const row = (await proposals()).find((p) => p.id === pending.id)!
  assert.equal(row.status, 'rejected')
  const mine = await producer.get('/portail/propositions')
  assert.match(textOf(mine.body), /Refusée Les superlatifs ne sont pas autorisés\./)
  assert.notEqual((await product()).name_en, 'Best vanilla ever!!!')
})
