import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { placeOrder } from '../../src/flows/place-order.ts'
import { runDueJobs } from '../../src/kernel/jobs.ts'
import { SEND_EMAIL_JOB } from '../../src/modules/notifications/index.ts'
import { CARD_OK, PARIS, readyCart, shopperCtx, testCheckoutDeps } from '../builders/checkout.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { textOf } from './account-helpers.ts'

// The outbox as the team reads it: what was sent or kept (no SMTP here), filtered, and each
// e-mail shown as rendered — its HTML only inside a sandboxed frame, never in the back office page.

let t: TestApp
let emailId: string
const EMAIL = 'boite@example.com'
before(async () => {
  t = await testApp()
  const ctx = shopperCtx(t.database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [['CHN-CAF-GR-250', 1]], shipTo: { ...PARIS, name: '<script>alert("boite")</script> Noé' }, email: EMAIL })
  const placed = await placeOrder(ctx, testCheckoutDeps(t.database.db), { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: false, acceptTerms: true })
  assert.ok(placed.ok)
  await runDueJobs(t.database.db, { names: [SEND_EMAIL_JOB] }) // no SMTP in tests: rendered and kept
  emailId = (await sql<{ id: string }>`select id from email_outbox where to_address = ${EMAIL}`.execute(t.database.db)).rows[0]!.id
})
after(async () => t.close())

test('the outbox lists e-mails newest first and filters by state, template and recipient; a bad filter says so', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['crm_manager'])
  const all = await browser.get('/admin/emails')
  assert.equal(all.statusCode, 200)
  assert.match(all.body, new RegExp(`/admin/emails/${emailId}`))
  for (const q of ['statut=KEPT', 'modele=order-confirmation', `q=${encodeURIComponent('boite@')}`, 'statut=KEPT&modele=order-confirmation&q=boite']) {
    const res = await browser.get(`/admin/emails?${q}`)
    assert.equal(res.statusCode, 200)
    assert.match(res.body, new RegExp(emailId), q)
  }
  assert.doesNotMatch((await browser.get('/admin/emails?statut=FAILED')).body, new RegExp(emailId))
  assert.doesNotMatch((await browser.get('/admin/emails?modele=password-reset')).body, new RegExp(emailId))
  const bad = await browser.get('/admin/emails?statut=LOST')
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /Choisissez un état de la liste/)
})

test('an e-mail page shows its subject and text, and its HTML only in a sandboxed frame with its own strict CSP', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['customer_service'])
  const row = (await sql<{ subject: string; html_body: string }>`select subject, html_body from email_outbox where id = ${emailId}`.execute(t.database.db)).rows[0]!
  const page = await browser.get(`/admin/emails/${emailId}`)
  assert.equal(page.statusCode, 200)
  assert.match(textOf(page.body), new RegExp(row.subject))
  assert.match(page.body, new RegExp(`<iframe[^>]* sandbox(="")? [^>]*src="/admin/emails/${emailId}/apercu"`), 'an empty sandbox: no scripts, no same origin')
  assert.ok(!page.body.includes(row.html_body), 'the e-mail HTML is never part of the page')
  assert.doesNotMatch(page.body, /<script>alert/)
  const preview = await browser.get(`/admin/emails/${emailId}/apercu`)
  assert.equal(preview.statusCode, 200)
  assert.equal(preview.body, row.html_body)
  const csp = String(preview.headers['content-security-policy'])
  assert.match(csp, /default-src 'none'/)
  assert.match(csp, /sandbox/)
  assert.doesNotMatch(csp, /script-src/, 'no script may run')
  assert.equal((await browser.get('/admin/emails/eml_00000000000000000000000000')).statusCode, 404)
  assert.equal((await browser.get('/admin/emails/eml_00000000000000000000000000/apercu')).statusCode, 404)
})

test('roles without outbox.read are refused', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['logistics'])
  assert.equal((await browser.get('/admin/emails')).statusCode, 403)
  assert.equal((await browser.get(`/admin/emails/${emailId}`)).statusCode, 403)
  assert.equal((await browser.get(`/admin/emails/${emailId}/apercu`)).statusCode, 403)
})
