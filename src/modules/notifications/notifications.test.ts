import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import { sql } from 'kysely'
import { SMTPServer } from 'smtp-server'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { registerJobs, runDueJobs } from '../../kernel/jobs.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { closeMailers, EMAIL_MAX_ATTEMPTS, notificationJobs, queueEmail, SEND_EMAIL_JOB } from './index.ts'

// The e-mail outbox and its job, against a real SMTP server listening in this process.

type Received = { from: string; to: string[]; raw: string }
let database: Database
let smtp: SMTPServer
let smtpPort = 0
const received: Received[] = []

before(async () => {
  database = await testDatabase({ seed: false })
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'], // plain SMTP on loopback: nodemailer upgrades only when offered
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
        done()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  smtpPort = (smtp.server.address() as net.AddressInfo).port
})
after(async () => {
  closeMailers()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  await database.close()
})

const ctx = (): Ctx => systemCtx(database.db, 'test')
const useSmtp = (smtpUrl: string | undefined) => registerJobs(notificationJobs({ smtpUrl, mailFrom: 'Lakou <commandes@lakou.example>' }))
const run = (now = new Date()) => runDueJobs(database.db, { names: [SEND_EMAIL_JOB], now })
const row = async (key: string) =>
  (await sql<{ status: string; attempts: number; last_error: string | null; subject: string | null; text_body: string | null; html_body: string | null; message_id: string | null }>`
    select status, attempts, last_error, subject, text_body, html_body, message_id from email_outbox where dedupe_key = ${key}`.execute(database.db)).rows[0]
/** Quoted-printable soft breaks and escapes undone, enough to read the parts. */
const decodeQp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')

test('SMTP configured: the job sends the e-mail with its text and HTML parts, and marks it SENT', async () => {
  useSmtp(`smtp://127.0.0.1:${smtpPort}`)
  const queued = await database.db.transaction().execute((trx) =>
    queueEmail({ ...ctx(), db: trx }, { to: 'buyer@example.com', locale: 'en', template: 'order-paid', dedupeKey: 'order-paid:ord_smtp', data: { orderNumber: 'LK-2026-000042', orderUrl: 'https://lakou.example/en/orders/ord_smtp?t=abc', totalGross: 4590 } }))
  assert.equal(queued.queued, true)
  assert.equal(received.length, 0, 'nothing is sent inside the transaction')
  assert.equal(await run(), 1)
  assert.equal(received.length, 1)
  const mail = received[0]!
  assert.deepEqual(mail.to, ['buyer@example.com'])
  assert.equal(mail.from, 'commandes@lakou.example')
  assert.match(mail.raw, /^Subject: Payment received for order LK-2026-000042\r?$/m)
  assert.match(mail.raw, /^To: buyer@example\.com\r?$/m)
  assert.match(mail.raw, /^Message-ID: <eml_[0-9A-Z]+@lakou\.outbox>\r?$/m)
  const body = decodeQp(mail.raw)
  assert.match(body, /Content-Type: text\/plain; charset=utf-8[\s\S]*We have received your payment of €45\.90[\s\S]*https:\/\/lakou\.example\/en\/orders\/ord_smtp\?t=abc/)
  assert.match(body, /Content-Type: text\/html; charset=utf-8[\s\S]*<html lang="en">[\s\S]*<a href="https:\/\/lakou\.example\/en\/orders\/ord_smtp\?t=abc"/)
  const r = await row('order-paid:ord_smtp')
  assert.equal(r?.status, 'SENT')
  assert.equal(r?.attempts, 1)
  assert.match(r?.message_id ?? '', /eml_/)
  assert.equal(await run(), 0, 'sent once')
})

test('no SMTP: the e-mail is rendered and KEPT in the local outbox', async () => {
  useSmtp(undefined)
  await queueEmail(ctx(), { to: 'guest@example.com', locale: 'fr', template: 'password-reset', dedupeKey: 'password-reset:kept', data: { resetUrl: 'https://lakou.example/fr/compte/reinitialiser?token=abc', expiresInMinutes: 60 } })
  const before = received.length
  await run()
  assert.equal(received.length, before)
  const r = await row('password-reset:kept')
  assert.equal(r?.status, 'KEPT')
  assert.equal(r?.subject, 'Réinitialisation de votre mot de passe Lakou')
  assert.match(r?.text_body ?? '', /https:\/\/lakou\.example\/fr\/compte\/reinitialiser\?token=abc/)
  assert.match(r?.html_body ?? '', /^<!doctype html><html lang="fr">/)
})

test('dedupe: the same event queued again, or five times at once, gives one e-mail and one job', async () => {
  useSmtp(undefined)
  const data = { orderNumber: 'LK-7', orderUrl: 'https://lakou.example/o/7', reason: 'expired' as const, refundGross: null }
  const input = { to: 'x@example.com', locale: 'fr' as const, template: 'order-cancelled' as const, dedupeKey: 'order-cancelled:ord_7', data }
  const answers = await Promise.all(Array.from({ length: 5 }, () => database.db.transaction().execute((trx) => queueEmail({ ...ctx(), db: trx }, input))))
  assert.equal(answers.filter((a) => a.queued).length, 1)
  assert.deepEqual(await queueEmail(ctx(), input), { queued: false })
  const jobs = await sql<{ n: number }>`select count(*)::int as n from jobs where name = ${SEND_EMAIL_JOB} and payload->>'emailId' = (select id from email_outbox where dedupe_key = 'order-cancelled:ord_7')`.execute(database.db)
  assert.equal(jobs.rows[0]!.n, 1)
})

test('a rolled-back transaction leaves no e-mail; data that does not fit the template is refused at once', async () => {
  await assert.rejects(database.db.transaction().execute(async (trx) => {
    await queueEmail({ ...ctx(), db: trx }, { to: 'y@example.com', locale: 'en', template: 'welcome', dedupeKey: 'welcome:rolled-back', data: { firstName: 'Y', accountUrl: 'https://lakou.example/en/account' } })
    throw new Error('the order failed')
  }))
  assert.equal(await row('welcome:rolled-back'), undefined)
  await assert.rejects(queueEmail(ctx(), { to: 'y@example.com', locale: 'en', template: 'order-paid', dedupeKey: 'bad', data: { orderNumber: 'X', orderUrl: 'not a url', totalGross: 1 } }), /order-paid is invalid/)
  await assert.rejects(queueEmail(ctx(), { to: 'a@example.com, b@example.com', locale: 'en', template: 'welcome', dedupeKey: 'two', data: { firstName: 'Y', accountUrl: 'https://lakou.example/' } }), /single plain address/)
})

test('SMTP down: each try is counted with its error and retried later; after the last one the e-mail is FAILED', async () => {
  useSmtp(undefined)
  await run() // the e-mails of the tests above
  const closed = net.createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()))
  const deadPort = (closed.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => closed.close(() => resolve()))
  useSmtp(`smtp://127.0.0.1:${deadPort}`)
  await queueEmail(ctx(), { to: 'z@example.com', locale: 'en', template: 'welcome', dedupeKey: 'welcome:down', data: { firstName: 'Z', accountUrl: 'https://lakou.example/en/account' } })
  let now = new Date()
  assert.equal(await run(now), 1)
  let r = await row('welcome:down')
  assert.equal(r?.status, 'QUEUED')
  assert.equal(r?.attempts, 1)
  assert.match(r?.last_error ?? '', /smtp: .*ECONNREFUSED/)
  assert.equal(await run(now), 0, 'not retried at once: backoff')
  for (let i = 1; i < EMAIL_MAX_ATTEMPTS; i++) {
    now = new Date(now.getTime() + 3600_000)
    assert.equal(await run(now), 1)
  }
  r = await row('welcome:down')
  assert.equal(r?.status, 'FAILED')
  assert.equal(r?.attempts, EMAIL_MAX_ATTEMPTS)
  assert.equal(await run(new Date(now.getTime() + 86400_000)), 0, 'the job is over')
})
