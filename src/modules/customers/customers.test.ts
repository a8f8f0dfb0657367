import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { addAddress, deleteAddress, getAddress, listAddresses, requestPasswordReset, resetPassword, resolveSession, signIn, signUp, updateAddress } from './index.ts'

// The customers module through its public functions, on a fresh database.

let database: Database
before(async () => {
  database = await testDatabase({ seed: false })
})
after(async () => database.close())

const ctx = (over: Partial<Ctx> = {}): Ctx => systemCtx(database.db, 'test', { now: new Date(), ...over })
const as = (customerId: string, over: Partial<Ctx> = {}): Ctx => ctx({ actor: { kind: 'customer', customerId }, ...over })
const PASSWORD = 'tropical breeze 97'
const account = async (email: string) => {
  const r = await signUp(ctx(), { email, password: PASSWORD, firstName: 'Léa', lastName: 'Martin', locale: 'fr', accountUrl: 'https://lakou.test/fr/compte' })
  assert.ok(r.ok, JSON.stringify(r))
  return r
}
const outbox = async (to: string) => (await sql<{ template: string; data: { resetUrl?: string } }>`select template, data from email_outbox where lower(to_address) = lower(${to}) order by created_at`.execute(database.db)).rows

test('sign-up: one account per e-mail whatever its case, even when ten sign up at once; one welcome e-mail', async () => {
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    signUp(ctx(), { email: i % 2 ? 'Same.Person@Example.com' : 'same.person@example.com', password: PASSWORD, firstName: 'A', lastName: 'B', locale: 'en', accountUrl: 'https://lakou.test/en/account' })))
  assert.equal(answers.filter((a) => a.ok).length, 1)
  assert.ok(answers.filter((a) => !a.ok).every((a) => !a.ok && a.code === 'CUSTOMERS_EMAIL_TAKEN'))
  assert.deepEqual((await outbox('same.person@example.com')).map((e) => e.template), ['welcome'])
  const weak = await signUp(ctx(), { email: 'weak@example.com', password: 'short', firstName: 'A', lastName: 'B', locale: 'fr', accountUrl: 'https://lakou.test/fr/compte' })
  assert.deepEqual(weak, { ok: false, code: 'CUSTOMERS_PASSWORD_WEAK', problem: 'TOO_SHORT' })
  const future = await signUp(ctx(), { email: 'future@example.com', password: PASSWORD, firstName: 'A', lastName: 'B', locale: 'fr', birthDate: '2999-01-01', accountUrl: 'https://lakou.test/fr/compte' })
  assert.deepEqual(future, { ok: false, code: 'CUSTOMERS_BIRTH_DATE_INVALID' })
})

test('sign-in rotates the session: the old token stops working; sessions slide and expire', async () => {
  const { session: first } = await account('rotate@example.com')
  assert.ok(await resolveSession(ctx(), { token: first.token }))
  const again = await signIn(ctx(), { email: ' ROTATE@example.com ', password: PASSWORD, ip: '10.0.0.1', previousToken: first.token })
  assert.ok(again.ok)
  assert.equal(await resolveSession(ctx(), { token: first.token }), null, 'the previous session is gone')
  const later = await resolveSession(ctx({ now: new Date(Date.now() + 2 * 86400_000) }), { token: again.session.token })
  assert.ok(later?.extended, 'used two days later: pushed back to 30 days from then')
  assert.equal(await resolveSession(ctx({ now: new Date(Date.now() + 33 * 86400_000) }), { token: again.session.token }), null)
  assert.equal(await resolveSession(ctx(), { token: 'x'.repeat(43) }), null)
})

test('throttle: of 12 simultaneous wrong passwords at most 5 are checked; then even the right one waits', async () => {
  await account('target@example.com')
  const wrong = (i: number) => signIn(ctx(), { email: 'target@example.com', password: `wrong password ${i}`, ip: `10.1.0.${i}` })
  const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => wrong(i)))
  const checked = burst.filter((a) => !a.ok && a.code === 'CUSTOMERS_INVALID_CREDENTIALS').length
  assert.ok(checked <= 5, `${checked} checked`)
  assert.equal(burst.filter((a) => !a.ok && a.code === 'RATE_LIMITED').length, 12 - checked)
  for (let i = 0; i < 10; i++) await wrong(100 + i) // one at a time: the window fills up to exactly five
  const counted = await sql<{ n: number }>`select count(*)::int as n from sign_in_attempts where email_key = 'target@example.com'`.execute(database.db)
  assert.equal(counted.rows[0]!.n, 5, 'exactly five failures are on record: the refused ones are not')
  const right = await signIn(ctx(), { email: 'target@example.com', password: PASSWORD, ip: '10.1.1.1' })
  assert.ok(!right.ok && right.code === 'RATE_LIMITED' && right.scope === 'email' && right.retryAfterSeconds > 0)
  const afterWindow = await signIn(ctx({ now: new Date(Date.now() + 16 * 60_000) }), { email: 'target@example.com', password: PASSWORD, ip: '10.1.1.1' })
  assert.ok(afterWindow.ok, 'fifteen minutes later the right password works')
  const cleared = await sql<{ n: number }>`select count(*)::int as n from sign_in_attempts where email_key = 'target@example.com'`.execute(database.db)
  assert.equal(cleared.rows[0]!.n, 0, 'a successful sign-in forgets the failures')
})

test('throttle: one address trying many e-mails is stopped after 20', async () => {
  const answers = []
  for (let i = 0; i < 21; i++) answers.push(await signIn(ctx(), { email: `nobody${i}@example.com`, password: 'whatever password', ip: '192.0.2.7' }))
  assert.equal(answers.filter((a) => !a.ok && a.code === 'CUSTOMERS_INVALID_CREDENTIALS').length, 20)
  const last = answers[20]!
  assert.ok(!last.ok && last.code === 'RATE_LIMITED' && last.scope === 'ip')
})

test('password reset: same answer for unknown e-mails, one link a minute, single use under concurrency, old sessions out', async () => {
  const { session } = await account('forgot@example.com')
  assert.deepEqual(await requestPasswordReset(ctx(), { email: 'nobody@example.com', resetPageUrl: 'https://lakou.test/fr/compte/reinitialiser' }), { ok: true })
  assert.equal((await outbox('nobody@example.com')).length, 0)
  await requestPasswordReset(ctx(), { email: 'FORGOT@example.com', resetPageUrl: 'https://lakou.test/fr/compte/reinitialiser' })
  await requestPasswordReset(ctx(), { email: 'forgot@example.com', resetPageUrl: 'https://lakou.test/fr/compte/reinitialiser' })
  const mails = (await outbox('forgot@example.com')).filter((e) => e.template === 'password-reset')
  assert.equal(mails.length, 1, 'a second request within a minute sends nothing more')
  const token = new URL(mails[0]!.data.resetUrl!).searchParams.get('token')!
  const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => resetPassword(ctx(), { token, password: `new password number ${i}` })))
  assert.equal(answers.filter((a) => a.ok).length, 1)
  assert.ok(answers.filter((a) => !a.ok).every((a) => !a.ok && a.code === 'CUSTOMERS_RESET_TOKEN_INVALID'))
  assert.equal(await resolveSession(ctx(), { token: session.token }), null, 'sessions opened with the old password are closed')
  const winner = answers.find((a) => a.ok)!
  assert.ok(winner.ok && (await resolveSession(ctx(), { token: winner.session.token })))
})

test('password reset: an expired link is refused and changes nothing', async () => {
  await account('slow@example.com')
  await requestPasswordReset(ctx(), { email: 'slow@example.com', resetPageUrl: 'https://lakou.test/en/account/reset-password' })
  const mail = (await outbox('slow@example.com')).find((e) => e.template === 'password-reset')!
  const token = new URL(mail.data.resetUrl!).searchParams.get('token')!
  const late = await resetPassword(ctx({ now: new Date(Date.now() + 61 * 60_000) }), { token, password: 'a brand new password' })
  assert.deepEqual(late, { ok: false, code: 'CUSTOMERS_RESET_TOKEN_INVALID' })
  assert.ok((await signIn(ctx(), { email: 'slow@example.com', password: PASSWORD, ip: '10.2.0.1' })).ok, 'the old password still works')
})

test("addresses: a customer never reads, changes or deletes another's; one default even under concurrency", async () => {
  const a = (await account('owner@example.com')).customer.id
  const b = (await account('intruder@example.com')).customer.id
  const home = await addAddress(as(a), { name: 'Léa Martin', line1: '12 rue des Flamboyants', postalCode: '97122', city: 'Baie-Mahault', country: 'GP' })
  assert.ok(home.ok && home.address.isDefault && home.address.country === 'FR')
  const id = home.address.id
  const notFound = async (p: Promise<unknown>) => assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND')
  await notFound(getAddress(as(b), { addressId: id }))
  await notFound(updateAddress(as(b), { addressId: id, name: 'Stolen', line1: 'x', postalCode: '75001', city: 'Paris', country: 'FR' }))
  await notFound(deleteAddress(as(b), { addressId: id }))
  assert.deepEqual(await listAddresses(as(b)), [])
  assert.equal((await getAddress(as(a), { addressId: id })).name, 'Léa Martin', 'unchanged')
  await assert.rejects(listAddresses(ctx({ actor: { kind: 'anonymous' } })), (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED')

  const many = await Promise.all(Array.from({ length: 8 }, (_, i) => addAddress(as(a), { name: `Bureau ${i}`, line1: `${i} rue de Paris`, postalCode: '75011', city: 'Paris', country: 'FR', isDefault: true })))
  assert.ok(many.every((r) => r.ok))
  const all = await listAddresses(as(a))
  assert.equal(all.length, 9)
  assert.equal(all.filter((x) => x.isDefault).length, 1)
  const def = all.find((x) => x.isDefault)!
  await deleteAddress(as(a), { addressId: def.id })
  const left = await listAddresses(as(a))
  assert.equal(left.filter((x) => x.isDefault).length, 1, 'the default moved to another address')
  assert.equal(left[0]!.id, id, 'the oldest one')
})
