import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { runDueJobs } from '../../src/kernel/jobs.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { Browser, PASSWORD, signUpAs, textOf } from './account-helpers.ts'

// Forgotten password, end to end through the e-mail outbox (no SMTP configured: e-mails are KEPT).

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

type Mail = { status: string; subject: string | null; text_body: string | null; html_body: string | null; to_address: string }
const mailsTo = async (to: string): Promise<Mail[]> =>
  (await sql<Mail>`select status, subject, text_body, html_body, to_address from email_outbox where template = 'password-reset' and lower(to_address) = lower(${to}) order by created_at`.execute(t.database.db)).rows

/** Runs the e-mail jobs, then reads the reset link from the text part of the last e-mail kept for `to`. */
async function resetLinkFor(to: string): Promise<string> {
  await runDueJobs(t.database.db, { names: ['notifications.send-email'] })
  const mail = (await mailsTo(to)).at(-1)
  assert.ok(mail, `an e-mail to ${to}`)
  assert.equal(mail.status, 'KEPT')
  const link = /https?:\/\/\S+\?token=[A-Za-z0-9_-]+/.exec(mail.text_body ?? '')?.[0]
  assert.ok(link, mail.text_body ?? '')
  assert.ok(mail.html_body?.includes(link), 'the HTML part carries the same link')
  return link
}

test('forgotten password: one answer whether the account exists or not; the e-mail comes out of the outbox in the account language', async () => {
  await signUpAs(new Browser(t.app, '10.1.0.1'), 'known@example.com')
  const b = new Browser(t.app, '10.1.0.2')
  const known = await b.submit('/en/account/forgot-password', { email: 'known@example.com' })
  const unknown = await b.submit('/en/account/forgot-password', { email: 'unknown@example.com' })
  assert.equal(known.statusCode, 200)
  assert.equal(unknown.statusCode, 200)
  const said = (body: string, email: string) => textOf(body).replace(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/, '')
  assert.equal(said(known.body, 'known@example.com').match(/If there is an account for EMAIL[^.]*\./)?.[0], said(unknown.body, 'unknown@example.com').match(/If there is an account for EMAIL[^.]*\./)?.[0])
  assert.equal((await mailsTo('unknown@example.com')).length, 0)

  const link = await resetLinkFor('known@example.com')
  const mail = (await mailsTo('known@example.com'))[0]!
  assert.equal(mail.subject, 'Réinitialisation de votre mot de passe Lakou', 'the account was created in French')
  assert.ok(link.startsWith('http://lakou.test/en/account/reset-password?token='), 'the link opens the page in the language the form was used in')

  const bad = await b.submit('/en/account/forgot-password', { email: 'nope' })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /id="email-error"/)
})

test('reset link: sets a new password, signs in this browser and out every other; used once only', async () => {
  const phone = new Browser(t.app, '10.2.0.1')
  await signUpAs(phone, 'reset@example.com')
  const laptop = new Browser(t.app, '10.2.0.2')
  await laptop.submit('/fr/compte/mot-de-passe-oublie', { email: 'reset@example.com' })
  const link = new URL(await resetLinkFor('reset@example.com'))

  const form = await laptop.get(link.pathname + link.search)
  assert.equal(form.statusCode, 200)
  assert.match(form.body, /<label for="password">Nouveau mot de passe/)
  const weak = await laptop.post(link.pathname, { token: link.searchParams.get('token')!, password: 'short' })
  assert.equal(weak.statusCode, 400)
  assert.match(weak.body, /au moins 12 caractères/)

  const done = await laptop.post(link.pathname, { token: link.searchParams.get('token')!, password: 'un tout nouveau secret' })
  assert.equal(done.statusCode, 303)
  assert.equal(done.headers.location, '/fr/compte?done=reset')
  assert.match(textOf((await laptop.get('/fr/compte?done=reset')).body), /Votre mot de passe est changé/)
  assert.equal((await phone.get('/fr/compte')).statusCode, 303, 'the other session is signed out')

  const again = await new Browser(t.app, '10.2.0.3').get(link.pathname + link.search)
  assert.equal(again.statusCode, 410)
  assert.match(textOf(again.body), /Ce lien ne fonctionne plus/)
  const replay = new Browser(t.app, '10.2.0.3')
  await replay.get('/fr/compte/mot-de-passe-oublie')
  const reused = await replay.post(link.pathname, { token: link.searchParams.get('token')!, password: 'encore un autre secret' })
  assert.equal(reused.statusCode, 410)
  assert.ok(!replay.cookies.has('lakou_session'))

  const c = new Browser(t.app, '10.2.0.4')
  assert.equal((await c.submit('/fr/compte/connexion', { email: 'reset@example.com', password: PASSWORD })).statusCode, 401, 'the old password is gone')
  assert.equal((await c.submit('/fr/compte/connexion', { email: 'reset@example.com', password: 'un tout nouveau secret' })).statusCode, 303)
})

test('reset link: an expired one is refused and changes nothing', async () => {
  await signUpAs(new Browser(t.app, '10.3.0.1'), 'late@example.com')
  const b = new Browser(t.app, '10.3.0.2')
  await b.submit('/fr/compte/mot-de-passe-oublie', { email: 'late@example.com' })
  const link = new URL(await resetLinkFor('late@example.com'))
  await sql`update password_resets set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'
             where customer_id = (select id from customers where email = 'late@example.com')`.execute(t.database.db)
  assert.equal((await b.get(link.pathname + link.search)).statusCode, 410)
  await b.get('/fr/compte/mot-de-passe-oublie')
  const res = await b.post(link.pathname, { token: link.searchParams.get('token')!, password: 'trop tard pour changer' })
  assert.equal(res.statusCode, 410)
  assert.equal((await b.submit('/fr/compte/connexion', { email: 'late@example.com', password: PASSWORD })).statusCode, 303, 'the password did not change')
  assert.equal((await b.get('/fr/compte/reinitialiser?token=garbage')).statusCode, 410)
})
