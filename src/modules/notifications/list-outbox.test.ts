import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { registerJobs, runDueJobs } from '../../kernel/jobs.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { getOutboxEmail, listOutbox, listOutboxPage, notificationJobs, queueEmail, SEND_EMAIL_JOB, type OutboxListInput } from './index.ts'

// The back office's outbox: e-mails queued then rendered and kept (no SMTP), listed a page at a
// time with their total, filtered by template and by text in the recipient or the subject.

let database: Database
let staff: Ctx
const queued: { id: string; to: string; template: string }[] = []

before(async () => {
  database = await testDatabase({ seed: false })
  staff = systemCtx(database.db, 'test', { actor: { kind: 'staff', staffId: 'stf_cs', email: 'cs@lakou.example', roles: ['customer_service'] } })
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 12, 10, minute))
  const recipients = ['helene.lefevre@orange.fr', 'jb.zamor@gmail.com', 'marie.dupont12@free.fr']
  for (let i = 0; i < 7; i++) {
    const to = recipients[i % 3]!
    const ctx = { ...staff, now: at(i) }
    const r = await database.db.transaction().execute((trx) => i % 2
      ? queueEmail({ ...ctx, db: trx }, { to, locale: 'fr', template: 'password-reset', dedupeKey: `reset:${i}`, data: { resetUrl: `https://lakou.example/fr/reset/${i}`, expiresInMinutes: 60 } })
      : queueEmail({ ...ctx, db: trx }, { to, locale: 'fr', template: 'order-paid', dedupeKey: `paid:${i}`, data: { orderNumber: `LK-10000${i}`, orderUrl: `https://lakou.example/fr/commandes/${i}`, totalGross: 1000 + i } }))
    assert.ok(r.queued)
    queued.push({ id: r.emailId, to, template: i % 2 ? 'password-reset' : 'order-paid' })
  }
  registerJobs(notificationJobs({ smtpUrl: undefined, mailFrom: 'Lakou <commandes@lakou.example>' }))
  assert.equal(await runDueJobs(database.db, { names: [SEND_EMAIL_JOB], now: new Date(Date.now() + 60_000) }), queued.length)
})
after(async () => database?.close())

test('a page of the outbox, newest first, with its total and without the bodies', async () => {
  const r = await listOutboxPage(staff, { pageSize: 5 })
  assert.equal(r.total, queued.length)
  assert.equal(r.totalCapped, false)
  assert.deepEqual(r.rows.map((e) => e.id), [...queued].reverse().slice(0, 5).map((q) => q.id))
  assert.ok(r.rows.every((e) => e.status === 'KEPT' && e.subject && !('html' in e)))
  const second = await listOutboxPage(staff, { page: 2, pageSize: 5 })
  assert.deepEqual(second.rows.map((e) => e.id), [...queued].reverse().slice(5).map((q) => q.id))
})

test('filters: template, text in the recipient or the subject (case ignored), status', async () => {
  const resets = await listOutboxPage(staff, { template: 'password-reset' })
  assert.deepEqual(resets.rows.map((e) => e.id).sort(), queued.filter((q) => q.template === 'password-reset').map((q) => q.id).sort())
  const dupont = await listOutboxPage(staff, { q: 'DUPONT12' })
  assert.deepEqual(dupont.rows.map((e) => e.id).sort(), queued.filter((q) => q.to.startsWith('marie.dupont12')).map((q) => q.id).sort())
  const one = (await getOutboxEmail(staff, queued[0]!.id)).subject!
  const word = one.split(/\s+/).find((w) => w.length >= 5)!
  const bySubject = await listOutboxPage(staff, { q: word.toUpperCase() })
  assert.ok(bySubject.rows.length >= 1 && bySubject.rows.every((e) => `${e.to} ${e.subject}`.toLowerCase().includes(word.toLowerCase())))
  assert.equal((await listOutboxPage(staff, { status: 'FAILED' })).total, 0)
  assert.equal((await listOutboxPage(staff, { q: '%' })).total, 0, 'LIKE wildcards are literal')
})

test('one e-mail with its bodies; an unknown id is not found', async () => {
  const e = await getOutboxEmail(staff, queued[2]!.id)
  assert.equal(e.to, queued[2]!.to)
  assert.match(e.html ?? '', /LK-100002/)
  assert.match(e.text ?? '', /LK-100002/)
  await assert.rejects(getOutboxEmail(staff, 'eml_unknown'), (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND')
})

test('listOutbox keeps its shape and gains offset and the new filters', async () => {
  const all = await listOutbox(staff)
  assert.equal(all.length, queued.length)
  assert.ok(all[0]!.html)
  assert.deepEqual((await listOutbox(staff, { offset: 2, limit: 2 })).map((e) => e.id), all.slice(2, 4).map((e) => e.id))
  assert.deepEqual((await listOutbox(staff, { to: 'JB.ZAMOR@gmail.com', template: 'order-paid' })).map((e) => e.id).sort(),
    queued.filter((q) => q.to === 'jb.zamor@gmail.com' && q.template === 'order-paid').map((q) => q.id).sort())
})

test('bad input is refused; the outbox is for staff', async () => {
  const bad: unknown[] = [{ status: 'LOST' }, { template: 'Order Paid' }, { pageSize: 1000 }, { page: 0 }, { q: 'x\u0000' }, { to: 'a@b.c' }]
  for (const input of bad) {
    await assert.rejects(listOutboxPage(staff, input as OutboxListInput), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.status === 400, JSON.stringify(input))
  }
  const shopper = systemCtx(database.db, 'test', { actor: { kind: 'anonymous' } })
  await assert.rejects(listOutboxPage(shopper, {}), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN')
  await assert.rejects(getOutboxEmail(shopper, queued[0]!.id), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN')
})
