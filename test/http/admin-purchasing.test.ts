import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { readPdfText } from '../../src/modules/invoicing/read-pdf-text.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { signedInStaff } from '../helpers/staff.ts'
import type { Browser } from './account-helpers.ts'
import { textOf } from './account-helpers.ts'

// The purchasing screens of issue 6 as the team uses them: a project manager raises and sends a
// purchase order from suggestions, the warehouse records the delivery in lots.
let t: TestApp
let pm: Browser
let logistics: Browser
let coffee: { producer_id: string; variant_id: string; warehouse_code: string; sku: string }
const COFFEE = 'CHN-CAF-GR-250'
const today = () => new Date().toISOString().slice(0, 10)

before(async () => {
  t = await testApp()
  pm = (await signedInStaff(t.app, t.database, ['project_manager'])).browser
  logistics = (await signedInStaff(t.app, t.database, ['logistics'])).browser
  coffee = (await sql<typeof coffee>`
    SELECT p.producer_id, v.id AS variant_id, v.sku, (SELECT l.warehouse_code FROM lots l WHERE l.variant_id = v.id ORDER BY l.warehouse_code LIMIT 1) AS warehouse_code
      FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ${COFFEE}`.execute(t.database.db)).rows[0]!
})
after(async () => t.close())

const poCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM purchase_orders`.execute(t.database.db)).rows[0]!.n
const newUrl = () => `/admin/achats/nouveau?producteur=${coffee.producer_id}&entrepot=${coffee.warehouse_code}&couverture=6&delai=2`

/** The proposal form's rows as the page shows them, with the coffee's quantity and cost changed. */
async function proposalForm(quantity: string, cost = '4,20'): Promise<Record<string, string | string[]>> {
  const page = await pm.get(newUrl())
  assert.equal(page.statusCode, 200)
  const ids = [...page.body.matchAll(/name="variantId" value="([^"]+)"/g)].map((m) => m[1]!)
  const at = ids.indexOf(coffee.variant_id)
  assert.ok(at >= 0, 'the coffee is proposed')
  return {
    _csrf: pm.csrf, producteur: coffee.producer_id, entrepot: coffee.warehouse_code, couverture: '6', delai: '2', expectedOn: '', note: 'Sacs de 250 g',
    variantId: ids, quantity: ids.map((_, i) => (i === at ? quantity : '0')), unitCost: ids.map(() => cost),
  }
}

async function postForm(b: Browser, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x)
  return b.app.inject({ method: 'POST', url, remoteAddress: b.ip, payload: body.toString(), headers: { cookie: b.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' } })
}

let poId = ''

test('a project manager sees suggestions with sell-through, creates a draft, and bad quantities are refused with nothing created', async () => {
  const page = await pm.get(newUrl())
  assert.equal(page.statusCode, 200)
  const text = textOf(page.body)
  for (const h of ['Ventes / sem.', 'Stock dispo.', 'Déjà commandé', 'Suggéré', COFFEE]) assert.ok(text.includes(h), h)

  const before = await poCount()
  const bad = await postForm(pm, '/admin/achats', await proposalForm('-2'))
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /La quantité doit être d’au moins 1|ne peut pas être négati/)
  const notNumber = await postForm(pm, '/admin/achats', await proposalForm('douze'))
  assert.equal(notNumber.statusCode, 400)
  assert.match(textOf(notNumber.body), /La quantité doit être un nombre/)
  assert.equal(await poCount(), before, 'nothing created')

  const ok = await postForm(pm, '/admin/achats', await proposalForm('12'))
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 400))
  poId = String(ok.headers.location).split('?')[0]!.split('/').pop()!
  const detail = textOf((await pm.get(`/admin/achats/${poId}?ok=created`)).body)
  assert.match(detail, /Bon de commande BC-\d{6}/)
  assert.ok(detail.includes('Brouillon'))
  assert.ok(detail.includes('50,40 €'), 'total HT = 12 × 4,20 €')
  assert.ok(detail.includes('Le brouillon est créé.'))
})

test('the draft is edited with a version check, then sent: e-mail to the producer and a PDF', async () => {
  const page = await pm.get(`/admin/achats/${poId}`)
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]!
  const edit = { _csrf: pm.csrf, version, variantId: coffee.variant_id, quantity: '20', unitCost: '4,20', expectedOn: '', note: '' }
  assert.equal((await postForm(pm, `/admin/achats/${poId}`, edit)).statusCode, 303)
  const stale = await postForm(pm, `/admin/achats/${poId}`, { ...edit, quantity: '30' })
  assert.equal(stale.statusCode, 409)
  assert.match(textOf(stale.body), /modifié entre-temps/)
  const after = textOf((await pm.get(`/admin/achats/${poId}`)).body)
  assert.ok(after.includes('84,00 €'), 'the saved quantity is 20, not 30')

  const v = /name="version" value="(\d+)"/.exec(pm.lastPage)![1]!
  const sent = await postForm(pm, `/admin/achats/${poId}/envoi`, { _csrf: pm.csrf, version: v })
  assert.equal(sent.statusCode, 303)
  assert.ok(textOf((await pm.get(`/admin/achats/${poId}`)).body).includes('Envoyé'))
  const mail = (await sql<{ to_address: string; data: { portalUrl: string; lines: { quantity: number }[] } }>`SELECT to_address, data FROM email_outbox WHERE template = 'purchase-order-sent'`.execute(t.database.db)).rows
  assert.equal(mail.length, 1)
  assert.match(mail[0]!.to_address, /@/)
  assert.equal(mail[0]!.data.portalUrl, `http://lakou.test/portail/commandes/${poId}`)
  assert.equal(mail[0]!.data.lines[0]!.quantity, 20)
  // sending twice: refused, still one e-mail
  const again = await postForm(pm, `/admin/achats/${poId}/envoi`, { _csrf: pm.csrf })
  assert.equal(again.statusCode, 409)

  const pdf = await pm.get(`/admin/achats/${poId}.pdf`)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  const read = await readPdfText(pdf.rawPayload)
  assert.match(read.text, /Bon de commande BC-\d{6}/)
  for (const s of [COFFEE, 'Total HT', '84,00', 'Total TTC']) assert.ok(read.text.includes(s), `${s} in ${read.text}`)
  assert.equal((await pm.get('/admin/achats/zzz_00000000000000000000000000.pdf')).statusCode, 404)
})

test('the warehouse records a receipt in lots; short, damaged and refused show; bad input changes nothing', async () => {
  const form = await logistics.get(`/admin/achats/${poId}/reception`)
  assert.equal(form.statusCode, 200)
  const lineId = /name="line" value="([^"]+)"/.exec(form.body)![1]!
  const row = (r: Partial<Record<string, string>>) => ({ line: [lineId, lineId], lotCode: [r.lotCode ?? 'CAF-2611', ''], producedOn: ['', ''], bestBefore: [r.bestBefore ?? '2027-11-30', ''], accepted: [r.accepted ?? '15', ''], damaged: ['2', ''], refused: ['1', ''], discrepancyNote: ['Deux sacs percés', ''] })
  const movements = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM stock_movements WHERE reason = 'RECEIPT'`.execute(t.database.db)).rows[0]!.n
  const before = await movements()
  const future = await postForm(logistics, `/admin/achats/${poId}/reception`, { _csrf: logistics.csrf, receivedOn: '2999-01-01', note: '', ...row({}) })
  assert.equal(future.statusCode, 400)
  assert.match(textOf(future.body), /ne peut pas être dans le futur/)
  const tooMany = await postForm(logistics, `/admin/achats/${poId}/reception`, { _csrf: logistics.csrf, receivedOn: today(), note: '', ...row({ accepted: '21' }) })
  assert.equal(tooMany.statusCode, 400)
  assert.match(textOf(tooMany.body), /il n’en reste que 20/)
  assert.equal(await movements(), before, 'nothing entered the ledger')

  const ok = await postForm(logistics, `/admin/achats/${poId}/reception`, { _csrf: logistics.csrf, receivedOn: today(), note: 'Livraison du matin', ...row({}) })
  assert.equal(ok.statusCode, 303, textOf(ok.body).slice(0, 600))
  const receipt = textOf((await logistics.get(String(ok.headers.location))).body)
  assert.match(receipt, /Réception RC-\d{6}/)
  assert.ok(receipt.includes('CAF-2611 : 15 acceptées, 2 abîmées, 1 refusées'))
  assert.match(receipt, /Commandé Livré Accepté Abîmé Refusé Manquant Lots .* 20 18 15 2 1 2 /)
  const list = textOf((await logistics.get('/admin/receptions')).body)
  assert.match(list, /RC-\d{6} .* BC-\d{6} .* 15 1/)
  assert.ok(textOf((await pm.get(`/admin/achats/${poId}`)).body).includes('Reçu en partie'))
})

test('permissions: the warehouse cannot raise orders, a reader sees no write buttons, unknown ids are 404', async () => {
  const res = await postForm(logistics, '/admin/achats', { _csrf: logistics.csrf })
  assert.equal(res.statusCode, 403)
  const reader = (await signedInStaff(t.app, t.database, ['e_merchandiser'])).browser
  const list = await reader.get('/admin/achats')
  assert.equal(list.statusCode, 200)
  assert.ok(!list.body.includes('Nouveau bon de commande'))
  assert.match(textOf(list.body), /BC-\d{6}/)
  const filtered = textOf((await reader.get('/admin/achats?statut=cancelled')).body)
  assert.ok(filtered.includes('Aucun bon de commande ne correspond.'))
  assert.equal((await reader.get('/admin/achats?statut=n-importe')).statusCode, 400)
  assert.equal((await reader.get('/admin/achats/zzz_00000000000000000000000000')).statusCode, 404)
  assert.equal((await reader.get('/admin/receptions/zzz_00000000000000000000000000')).statusCode, 404)
})
