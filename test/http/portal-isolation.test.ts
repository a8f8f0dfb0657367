import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { addProducerUser, insertSupplyFixture, producerIdOf, producerBrowser, type SupplyFixture } from '../helpers/producer.ts'
import { signedInStaff } from '../helpers/staff.ts'
import * as image from '../helpers/image-fixtures.ts'
import type { Browser } from './account-helpers.ts'

// The core requirement of the portal: a producer's session sees its own records only. Producer A
// (the rum distillery) asks for every portal route with producer B's (the coffee farm's) ids.

let A = 'PRD-ACS'
let B = 'PRD-CHN'
let t: TestApp
let a: SupplyFixture
let b: SupplyFixture
let browserA: Browser
let bName: string
let aName: string

before(async () => {
  t = await testApp()
  A = await producerIdOf(t.database.db, A)
  B = await producerIdOf(t.database.db, B)
  const userA = await addProducerUser(t.database, A)
  const userB = await addProducerUser(t.database, B)
  a = await insertSupplyFixture(t.database.db, A, 'AAA', userA.id)
  b = await insertSupplyFixture(t.database.db, B, 'BBB', userB.id)
  const names = await sql<{ id: string; trade_name: string }>`SELECT id, trade_name FROM producers WHERE id IN (${A}, ${B})`.execute(t.database.db)
  aName = names.rows.find((r) => r.id === A)!.trade_name
  bName = names.rows.find((r) => r.id === B)!.trade_name
  browserA = await producerBrowser(t.app, userA)
})
after(() => t.close())

/** Everything of B's that must never reach A. */
const bMarkers = () => [b.poNumber, 'BC-BBB2', b.receiptNumber, b.lotCode, b.invoiceNumber, b.statementNumber, 'Nom proposé BBB', 'Cartons écrasés BBB', 'Note BBB', bName, b.sku]

function assertNoB(body: string, where: string) {
  for (const m of bMarkers()) assert.ok(!body.includes(m), `${where} shows B's "${m}"`)
}

/** Every portal route the application registered (to be sure none is left out below). */
const portalRoutes = (): string[] => [...new Set(t.app.portalRoutes)].sort()

const ID_ROUTES: Record<string, (f: SupplyFixture) => string> = {
  'GET /portail/commandes/:id': (f) => `/portail/commandes/${f.poId}`,
  'GET /portail/commandes/:id/pdf': (f) => `/portail/commandes/${f.poId}/pdf`,
  'POST /portail/commandes/:id/confirmer': (f) => `/portail/commandes/${f.poId}/confirmer`,
  'GET /portail/releves/:id.pdf': (f) => `/portail/releves/${f.statementId}.pdf`,
  'GET /portail/produits/:id/proposer': (f) => `/portail/produits/${f.productId}/proposer`,
  'POST /portail/produits/:id/proposer': (f) => `/portail/produits/${f.productId}/proposer`,
  'POST /portail/produits/:id/proposer/photo': (f) => `/portail/produits/${f.productId}/proposer/photo`,
}
const LIST_ROUTES = ['/portail', '/portail/produits', '/portail/ventes', '/portail/ventes.csv', '/portail/commandes', '/portail/receptions', '/portail/factures', '/portail/releves', '/portail/propositions']
const OTHER_ROUTES = ['GET /portail/connexion', 'POST /portail/connexion', 'POST /portail/deconnexion']

async function multipart(browser: Browser, url: string) {
  const form = new FormData()
  form.append('_csrf', browser.csrf)
  form.append('alt_fr', 'Sacs de café')
  form.append('alt_en', 'Coffee bags')
  form.append('file', new Blob([new Uint8Array(await image.jpeg(600, 400))], { type: 'image/jpeg' }), 'cafe.jpg')
  const encoded = new Response(form)
  return t.app.inject({ method: 'POST', url, remoteAddress: browser.ip, payload: Buffer.from(await encoded.arrayBuffer()), headers: { cookie: browser.cookieHeader, 'content-type': encoded.headers.get('content-type')! } })
}

test('the test below covers every portal route the application registers', () => {
  const covered = [...Object.keys(ID_ROUTES), ...LIST_ROUTES.map((u) => `GET ${u}`), ...OTHER_ROUTES].sort()
  assert.deepEqual(portalRoutes(), covered)
})

test('signed in as A, every route given B’s ids answers 404 with nothing of B, and nothing of B changes', async () => {
  for (const [route, url] of Object.entries(ID_ROUTES)) {
    await browserA.get('/portail') // a fresh CSRF token for the posts
    const target = url(b)
    const res = route.startsWith('POST /portail/produits/:id/proposer/photo')
      ? await multipart(browserA, target)
      : route.startsWith('POST')
        ? await browserA.post(target, { name_fr: 'Piratage', name_en: 'Hack' })
        : await browserA.get(target)
    assert.equal(res.statusCode, 404, `${route} with B's id answered ${res.statusCode}`)
    assertNoB(res.body, route)
    assert.equal(res.headers['cache-control'], 'no-store', `${route}: no-store`)
  }
  const po = await sql<{ status: string }>`SELECT status FROM purchase_orders WHERE id = ${b.poId}`.execute(t.database.db)
  assert.equal(po.rows[0]!.status, 'sent', 'B’s order is still awaiting B’s confirmation')
  const proposals = await sql<{ n: string }>`SELECT count(*) AS n FROM content_proposals WHERE product_id = ${b.productId}`.execute(t.database.db)
  assert.equal(Number(proposals.rows[0]!.n), 1, 'no proposal was added to B’s product')
})

test('a draft purchase order is invisible even to its own producer', async () => {
  for (const url of [`/portail/commandes/${a.draftPoId}`, `/portail/commandes/${a.draftPoId}/pdf`]) {
    const res = await browserA.get(url)
    assert.equal(res.statusCode, 404, url)
  }
  const list = await browserA.get('/portail/commandes')
  assert.ok(!list.body.includes('BC-AAA2'), 'the draft is not listed')
})

test('A’s pages list A’s records only, and say they are A’s', async () => {
  const expected: Record<string, string[]> = {
    '/portail': [aName, a.poNumber],
    '/portail/produits': [a.lotCode, a.sku],
    '/portail/commandes': [a.poNumber],
    '/portail/receptions': [a.receiptNumber, a.lotCode, 'Cartons écrasés AAA'],
    '/portail/factures': [a.invoiceNumber],
    '/portail/releves': [a.statementNumber],
    '/portail/propositions': ['Nom (français)'],
  }
  for (const url of LIST_ROUTES) {
    const res = await browserA.get(url)
    assert.equal(res.statusCode, 200, `${url} answered ${res.statusCode}`)
    assertNoB(res.body, url)
    assert.equal(res.headers['cache-control'], 'no-store', `${url}: no-store`)
    assert.match(String(res.headers['x-robots-tag']), /noindex/, `${url}: noindex`)
    for (const m of expected[url] ?? []) assert.ok(res.body.includes(m), `${url} shows A's "${m}"`)
  }
  const own = await browserA.get(`/portail/commandes/${a.poId}`)
  assert.equal(own.statusCode, 200)
  assert.ok(own.body.includes(a.poNumber) && own.body.includes('Confirmer'))
  const pdf = await browserA.get(`/portail/releves/${a.statementId}.pdf`)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
})

test('a producer session cannot open the back office, and a staff session cannot open the portal', async () => {
  const admin = await browserA.get('/admin')
  assert.equal(admin.statusCode, 303)
  assert.match(String(admin.headers.location), /^\/admin\/connexion/)
  const { browser: staff } = await signedInStaff(t.app, t.database, ['administrator'])
  for (const url of ['/portail', `/portail/commandes/${a.poId}`, `/portail/releves/${a.statementId}.pdf`]) {
    const res = await staff.get(url)
    assert.equal(res.statusCode, 303, url)
    assert.equal(res.headers.location, '/portail/connexion')
  }
  await staff.get('/admin')
  const post = await staff.post(`/portail/commandes/${a.poId}/confirmer`, {})
  assert.ok([401, 403].includes(post.statusCode), `a staff POST to the portal answered ${post.statusCode}`)
  const po = await sql<{ status: string }>`SELECT status FROM purchase_orders WHERE id = ${a.poId}`.execute(t.database.db)
  assert.equal(po.rows[0]!.status, 'sent')
})
