import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { getOrderView, orderAccessToken } from '../../src/modules/orders/index.ts'
import { can } from '../../src/modules/staff/index.ts'
import { shopperCtx } from '../builders/checkout.ts'
import { shippedOrder } from '../builders/shipped-order.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { stockInvariantsHold } from '../flows/stock-checks.ts'
import { Browser, textOf } from './account-helpers.ts'

const COFFEE = 'CHN-CAF-GR-250'
const FLOWERS = 'JFL-ANT-M7'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

/** A shipped order with its signed link under the app's secret (the builder signs with the flows' test secret). */
const shipped = async (lines: [string, number][]) => {
  const o = await shippedOrder(t.database.db, { lines })
  return { ...o, accessToken: orderAccessToken(t.config.appSecret, o.orderId) }
}
const lineId = async (orderId: string, sku: string) => (await getOrderView(shopperCtx(t.database.db), orderId))!.lines.find((l) => l.sku === sku)!.id
const returnsOf = async (orderId: string) => (await sql<{ id: string; number: string; status: string }>`SELECT id, number, status FROM return_requests WHERE order_id = ${orderId} ORDER BY number`.execute(t.database.db)).rows

test('a guest asks for a return from the order link; customer service approves; the warehouse receives and the shopper is refunded', async () => {
  const order = await shipped([[COFFEE, 2], [FLOWERS, 1]])
  const coffee = await lineId(order.orderId, COFFEE)
  const flowers = await lineId(order.orderId, FLOWERS)
  const shopper = new Browser(t.app, '10.9.0.1')
  const url = `/fr/commandes/${order.orderId}/retour?t=${order.accessToken}`
  const form = await shopper.get(url)
  assert.equal(form.statusCode, 200)
  assert.match(form.body, new RegExp(`name="qty_${coffee}"`))
  assert.doesNotMatch(form.body, new RegExp(`name="qty_${flowers}"`), 'flowers have no right of return')
  assert.match(textOf(form.body), /Ne peuvent pas être retournés.*Anthurium|Ne peuvent pas être retournés/)
  assert.equal((await shopper.get(`/en/orders/${order.orderId}/return?t=${order.accessToken}`)).statusCode, 200)

  const action = `/fr/commandes/${order.orderId}/retour`
  await shopper.get(url)
  const ineligible = await shopper.post(action, { t: order.accessToken, [`qty_${flowers}`]: '1', reason: 'damaged', details: '' })
  assert.equal(ineligible.statusCode, 400)
  assert.match(textOf(ineligible.body), /Choisissez au moins un article à retourner/)
  const noReason = await shopper.post(action, { t: order.accessToken, [`qty_${coffee}`]: '1', reason: '', details: '' })
  assert.equal(noReason.statusCode, 400)
  assert.match(textOf(noReason.body), /Choisissez un motif/)
  const tooMany = await shopper.post(action, { t: order.accessToken, [`qty_${coffee}`]: '3', reason: 'damaged', details: '' })
  assert.equal(tooMany.statusCode, 400)
  assert.equal((await returnsOf(order.orderId)).length, 0, 'refusals create nothing')

  const sent = await shopper.post(action, { t: order.accessToken, [`qty_${coffee}`]: '2', reason: 'damaged', details: 'Sachets déchirés' })
  assert.equal(sent.statusCode, 303)
  const [ret] = await returnsOf(order.orderId)
  assert.ok(ret)
  assert.equal(sent.headers.location, `/fr/commandes/${order.orderId}/retour?t=${order.accessToken}&sent=${ret.number}`)
  const after = textOf((await shopper.get(String(sent.headers.location))).body)
  assert.match(after, new RegExp(`Votre demande de retour ${ret.number} est enregistrée`))
  assert.match(after, new RegExp(`${ret.number} — 2 articles — En cours d’examen`))

  const { browser: agent } = await signedInStaff(t.app, t.database, ['customer_service'])
  assert.match(textOf((await agent.get('/admin/retours')).body), new RegExp(ret.number))
  const detailUrl = `/admin/retours/${ret.id}`
  assert.match(textOf((await agent.get(detailUrl)).body), /Article abîmé à la livraison — Sachets déchirés/)
  const blank = await agent.post(`${detailUrl}/decision`, { decision: '', note: '' })
  assert.equal(blank.statusCode, 400)
  assert.match(textOf(blank.body), /Choisissez d’accepter ou de refuser/)
  await agent.get(detailUrl)
  const rejectBare = await agent.post(`${detailUrl}/decision`, { decision: 'rejected', note: '' })
  assert.equal(rejectBare.statusCode, 400)
  assert.match(textOf(rejectBare.body), /Expliquez au client pourquoi/)
  await agent.get(detailUrl)
  const approved = await agent.post(`${detailUrl}/decision`, { decision: 'approved', note: '' })
  assert.equal(approved.statusCode, 303)
  assert.match(textOf((await agent.get(String(approved.headers.location))).body), /Le retour est accepté/)
  assert.match(textOf((await shopper.get(url)).body), /Acceptée : envoyez le colis/)

  const { browser: logistics } = await signedInStaff(t.app, t.database, ['logistics'])
  assert.equal((await logistics.get(detailUrl)).statusCode, 403, 'deciding is customer service’s job')
  assert.match(textOf((await logistics.get('/admin/entrepot/retours')).body), new RegExp(ret.number))
  const receptionUrl = `/admin/entrepot/retours/${ret.id}/reception`
  await logistics.get(receptionUrl)
  const wrong = await logistics.post(receptionUrl, { [`restock_${coffee}`]: '2', [`writeoff_${coffee}`]: '1' })
  assert.equal(wrong.statusCode, 400)
  assert.match(textOf(wrong.body), /3 unités reçues, mais le retour n’en annonce que 2/)
  await logistics.get(receptionUrl)
  const notNumber = await logistics.post(receptionUrl, { [`restock_${coffee}`]: 'deux', [`writeoff_${coffee}`]: '0' })
  assert.equal(notNumber.statusCode, 400)
  await logistics.get(receptionUrl)
  const csrf = logistics.csrf
  const received = await logistics.post(receptionUrl, { [`restock_${coffee}`]: '1', [`writeoff_${coffee}`]: '1' }, csrf)
  assert.equal(received.statusCode, 303)
  assert.match(String(received.headers.location), /ok=received/)
  const again = await logistics.post(receptionUrl, { [`restock_${coffee}`]: '1', [`writeoff_${coffee}`]: '1' }, csrf)
  assert.equal(again.statusCode, 303)
  assert.match(String(again.headers.location), /ok=duplicate/, 'a double submit acts once')
  assert.equal((await sql<{ n: number }>`SELECT count(*)::int AS n FROM stock_movements WHERE reference = ${ret.id}`.execute(t.database.db)).rows[0]!.n, 2)
  assert.match(textOf((await shopper.get(url)).body), /Remboursée \(remboursé : /)
  assert.ok(await stockInvariantsHold(t.database.db))
})

test('return pages of someone else’s order, a forged link or an unknown id are the 404 page; unknown returns are 404 in the back office', async () => {
  const mine = await shipped([[COFFEE, 1]])
  const theirs = await shipped([[COFFEE, 1]])
  const b = new Browser(t.app, '10.9.0.2')
  for (const url of [`/fr/commandes/${theirs.orderId}/retour?t=${mine.accessToken}`, `/fr/commandes/${theirs.orderId}/retour`, '/fr/commandes/ord_nope/retour?t=x', `/en/orders/${theirs.orderId}/return?t=forged`]) {
    assert.equal((await b.get(url)).statusCode, 404, url)
  }
  await b.get(`/fr/commandes/${mine.orderId}/retour?t=${mine.accessToken}`)
  const coffee = await lineId(theirs.orderId, COFFEE)
  const post = await b.post(`/fr/commandes/${theirs.orderId}/retour`, { t: mine.accessToken, [`qty_${coffee}`]: '1', reason: 'damaged' })
  assert.equal(post.statusCode, 404)
  assert.equal((await returnsOf(theirs.orderId)).length, 0)
  const { paidOrder } = await import('../builders/paid-order.ts')
  const unsent = await paidOrder(t.database.db, { lines: [[COFFEE, 1]] })
  const waiting = await b.get(`/fr/commandes/${unsent.orderId}/retour?t=${orderAccessToken(t.config.appSecret, unsent.orderId)}`)
  assert.equal(waiting.statusCode, 200)
  assert.match(textOf(waiting.body), /Les retours s’ouvrent quand la commande a été expédiée/)
  assert.doesNotMatch(waiting.body, /name="reason"/, 'no form before the parcel left')
  const { browser } = await signedInStaff(t.app, t.database, ['administrator'])
  for (const url of ['/admin/retours/rtn_00000000000000000000000000', '/admin/entrepot/retours/rtn_00000000000000000000000000/reception']) assert.equal((await browser.get(url)).statusCode, 404, url)
})

test('return routes follow the permission table: customer service decides, the warehouse receives; an unknown id is 404, never 500', async () => {
  const routes = t.app.adminRoutes.filter((r) => /retours/.test(r.url))
  assert.equal(routes.length, 6)
  for (const role of ['customer_service', 'logistics', 'finance', 'ux_designer'] as const) {
    const { browser } = await signedInStaff(t.app, t.database, [role])
    await browser.get('/admin/roles')
    const csrf = browser.csrf
    for (const r of routes) {
      const url = r.url.replace(':id', 'zzz_00000000000000000000000000')
      const res = r.method === 'GET' ? await browser.get(url) : await browser.post(url, {}, csrf)
      const allowed = can([role], r.permission as never)
      const expected = !allowed ? 403 : r.url.includes(':id') ? 404 : 200
      assert.equal(res.statusCode, expected, `${role} ${r.method} ${r.url}`)
    }
  }
})
