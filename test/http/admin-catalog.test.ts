import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { signedInStaff } from '../helpers/staff.ts'
import * as fixture from '../helpers/image-fixtures.ts'
import { Browser, textOf } from './account-helpers.ts'

// The back-office product screens, end to end through HTTP: creating a product in both languages
// with a variant, a price and a picture until shoppers see it; escaping; version conflicts; refusals.

let t: TestApp
let editor: Browser
let refs: { producerId: string; categoryId: string; vat: string; shipping: string; market: string }
before(async () => {
  t = await testApp()
  editor = (await signedInStaff(t.app, t.database, ['e_merchandiser'])).browser
  const one = async (q: ReturnType<typeof sql<{ v: string }>>) => (await q.execute(t.database.db)).rows[0]!.v
  refs = {
    producerId: await one(sql<{ v: string }>`select id as v from producers where status = 'ACTIVE' and kind = 'producer' order by id limit 1`),
    categoryId: await one(sql<{ v: string }>`select id as v from categories where parent_id is not null order by id limit 1`),
    vat: await one(sql<{ v: string }>`select code as v from vat_categories where code = 'STANDARD' union all select code from vat_categories order by 1 desc limit 1`),
    shipping: await one(sql<{ v: string }>`select code as v from shipping_classes order by code limit 1`),
    market: 'FR-MAINLAND',
  }
})
after(async () => t.close())

const XSS = '<script>alert("x")</script>'

async function createProduct(b: Browser, name: { fr: string; en: string }, extra: Record<string, string> = {}): Promise<string> {
  const res = await b.submit('/admin/produits/nouveau', {
    name_fr: name.fr, name_en: name.en, description_fr: `Description ${name.fr}`, description_en: `Description ${name.en}`,
    producerId: refs.producerId, categoryId: refs.categoryId, vatCategoryCode: refs.vat, shippingClassCode: refs.shipping, ...extra,
  })
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 600))
  const m = /^\/admin\/produits\/([^?]+)\?ok=created$/.exec(String(res.headers.location))
  assert.ok(m, String(res.headers.location))
  return m[1]!
}

const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!

async function addVariant(b: Browser, productId: string, sku: string, price: string) {
  const form = await b.get(`/admin/produits/${productId}/variantes/nouvelle`)
  assert.equal(form.statusCode, 200)
  const res = await b.post(`/admin/produits/${productId}/variantes/nouvelle`, {
    version: versionOn(form.body), sku, optionLabel_fr: '70 cl', optionLabel_en: '70 cl', name_fr: 'Bouteille 70 cl', name_en: '70 cl bottle',
    netQuantity: '700', netQuantityUnit: 'ml', grossWeightG: '1300', dimensionsCm_l: '10', dimensionsCm_w: '10', dimensionsCm_h: '32',
    minOrderQty: '1', packSize: '1', leadTimeDays: '0', status: 'ACTIVE', [`retail_${refs.market}`]: price,
  })
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 800))
}

async function postPicture(b: Browser, productId: string, file: { bytes: Buffer; filename: string; type: string }, alt = { fr: 'Une bouteille', en: 'A bottle' }) {
  const page = await b.get(`/admin/produits/${productId}`)
  const form = new FormData()
  form.append('_csrf', /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!)
  form.append('alt_fr', alt.fr)
  form.append('alt_en', alt.en)
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.filename)
  const encoded = new Response(form)
  return t.app.inject({
    method: 'POST', url: `/admin/produits/${productId}/photos`, remoteAddress: b.ip, payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: b.cookieHeader, 'content-type': encoded.headers.get('content-type')! },
  })
}

test('an e-merchandiser creates a product in French and English with a variant, a price and a picture; once on sale shoppers see it in both languages', async () => {
  const id = await createProduct(editor, { fr: 'Confiture de goyave test', en: 'Guava jam test' })
  const shown = await editor.get(`/admin/produits/${id}?ok=created`)
  assert.equal(shown.statusCode, 200)
  assert.match(textOf(shown.body), /Confiture de goyave test/)
  await addVariant(editor, id, 'TST-GOY-070', '12,50')

  const uploaded = await postPicture(editor, id, { bytes: await fixture.png(800, 600), filename: 'goyave.png', type: 'image/png' })
  assert.equal(uploaded.statusCode, 303, textOf(uploaded.body).slice(0, 400))
  const withPicture = await editor.get(`/admin/produits/${id}`)
  assert.match(withPicture.body, /<img src="\/media\/uploads\/[0-9a-f]+\/\d+\.webp" alt="Une bouteille"/)

  const draftPage = await new Browser(t.app).get('/fr/p/confiture-de-goyave-test')
  assert.equal(draftPage.statusCode, 404, 'a draft is not shown')
  const publish = await editor.post(`/admin/produits/${id}/statut`, { version: versionOn(withPicture.body), status: 'ACTIVE' })
  assert.equal(publish.statusCode, 303, textOf(publish.body).slice(0, 400))

  const shopper = new Browser(t.app)
  const fr = await shopper.get('/fr/p/confiture-de-goyave-test')
  assert.equal(fr.statusCode, 200)
  assert.match(textOf(fr.body), /Confiture de goyave test/)
  assert.match(textOf(fr.body), /12,50/)
  const en = await shopper.get('/en/p/guava-jam-test')
  assert.equal(en.statusCode, 200)
  assert.match(textOf(en.body), /Guava jam test/)
  assert.match(fr.body, /\/media\/uploads\//, 'the uploaded picture is on the product page')
})

test('script in names and descriptions is stored as typed and shown escaped, in the back office and in the shop', async () => {
  const id = await createProduct(editor, { fr: `Rhum ${XSS}`, en: `Rum ${XSS}` }, { slugs_fr: 'rhum-xss-test', slugs_en: 'rum-xss-test', description_fr: `Notes ${XSS}` })
  await addVariant(editor, id, 'TST-XSS-070', '30')
  const admin = await editor.get(`/admin/produits/${id}`)
  assert.ok(!admin.body.includes(XSS), 'not raw in the back office')
  assert.match(admin.body, /&lt;script>alert|&lt;script&gt;alert/)
  const stored = await sql<{ name_fr: string; description_fr: string }>`select name_fr, description_fr from products where id = ${id}`.execute(t.database.db)
  assert.equal(stored.rows[0]!.name_fr, `Rhum ${XSS}`)
  assert.equal(stored.rows[0]!.description_fr, `Notes ${XSS}`)
  await editor.post(`/admin/produits/${id}/statut`, { version: versionOn(admin.body), status: 'ACTIVE' })
  const list = await editor.get('/admin/produits?q=rhum')
  assert.ok(!list.body.includes(XSS))
  const shop = await new Browser(t.app).get('/fr/p/rhum-xss-test')
  assert.equal(shop.statusCode, 200)
  assert.ok(!shop.body.includes(XSS), 'not raw in the shop')
})

test('two editors on the same product: the second save is refused with 409, shows the first one’s values, and overwrites nothing', async () => {
  const id = await createProduct(editor, { fr: 'Vanille conflit', en: 'Vanilla conflict' })
  const other = (await signedInStaff(t.app, t.database, ['content_manager'])).browser
  const mine = await editor.get(`/admin/produits/${id}`)
  const theirs = await other.get(`/admin/produits/${id}`)
  const base = { producerId: refs.producerId, categoryId: refs.categoryId, vatCategoryCode: refs.vat, shippingClassCode: refs.shipping, name_en: 'Vanilla conflict' }
  const first = await other.post(`/admin/produits/${id}`, { ...base, version: versionOn(theirs.body), name_fr: 'Vanille de l’autre' })
  assert.equal(first.statusCode, 303)
  const second = await editor.post(`/admin/produits/${id}`, { ...base, version: versionOn(mine.body), name_fr: 'Vanille à moi' }, /name="_csrf" value="([^"]+)"/.exec(mine.body)![1]!)
  assert.equal(second.statusCode, 409)
  const text = textOf(second.body)
  assert.match(text, /modifié par quelqu’un d’autre depuis que vous l’avez ouvert/)
  assert.match(text, /Vanille de l’autre/, 'the other person’s value is shown')
  assert.match(second.body, /value="Vanille à moi"/, 'my typing is kept in the form')
  const stored = await sql<{ name_fr: string }>`select name_fr from products where id = ${id}`.execute(t.database.db)
  assert.equal(stored.rows[0]!.name_fr, 'Vanille de l’autre')
})

test('a text file named .jpg is refused with a message next to the upload form, and nothing is attached', async () => {
  const id = await createProduct(editor, { fr: 'Café faux fichier', en: 'Coffee fake file' })
  const res = await postPicture(editor, id, { bytes: Buffer.from('ceci n’est pas une image\n'.repeat(50)), filename: 'photo.jpg', type: 'image/jpeg' })
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, String(res.statusCode))
  assert.match(res.body, /id="upload-error"/)
  const n = await sql<{ n: number }>`select count(*)::int as n from product_images where product_id = ${id}`.execute(t.database.db)
  assert.equal(n.rows[0]!.n, 0)
})

test('form errors come back next to their fields, in French, with the values typed', async () => {
  const res = await editor.submit('/admin/produits/nouveau', { name_fr: 'Sans anglais', name_en: '', producerId: '', categoryId: refs.categoryId, vatCategoryCode: refs.vat, shippingClassCode: refs.shipping })
  assert.equal(res.statusCode, 400)
  assert.match(textOf(res.body), /Le nom en anglais est obligatoire/)
  assert.match(textOf(res.body), /Choisissez le producteur/)
  assert.match(res.body, /value="Sans anglais"/)
})

test('the product table lists, filters and sorts; a warehouse operator is refused the catalogue; a reader sees no form', async () => {
  const list = await editor.get('/admin/produits?statut=ACTIVE&sort=name&dir=asc')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, /Nouveau produit/)
  const logistics = (await signedInStaff(t.app, t.database, ['logistics'])).browser
  assert.equal((await logistics.get('/admin/produits')).statusCode, 403)
  const reader = (await signedInStaff(t.app, t.database, ['director'])).browser
  const readList = await reader.get('/admin/produits')
  assert.equal(readList.statusCode, 200)
  assert.ok(!readList.body.includes('Nouveau produit'))
  const firstId = /href="\/admin\/produits\/(prd_[^"?]+)"/.exec(readList.body)![1]!
  const page = await reader.get(`/admin/produits/${firstId}`)
  assert.equal(page.statusCode, 200)
  assert.ok(!page.body.includes(`action="/admin/produits/${firstId}"`), 'no edit form for a reader')
  assert.equal((await reader.post(`/admin/produits/${firstId}`, { name_fr: 'x' })).statusCode, 403)
})
