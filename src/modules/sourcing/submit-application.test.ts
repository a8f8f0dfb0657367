import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Actor } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { addStaff } from '../../../test/helpers/staff.ts'
import { renderEmail } from '../notifications/index.ts'
import { addAgreement, submitApplication } from './index.ts'

// The application use case on the database: unique codes and slugs, the form's own addresses
// kept free, and the legal terms of an applicant known only by the lines it ticked.

let database: Database
let staff: Actor
before(async () => {
  database = await testDatabase()
  const m = await addStaff(database, ['project_manager'])
  staff = { kind: 'staff', staffId: m.id, email: m.email, roles: ['project_manager'] }
})
after(async () => database.close())

let n = 0
const apply = (fields: Record<string, unknown>) => {
  n++
  return submitApplication(systemCtx(database.db, 'test'), {
    fields: { siren: '552100554', contactName: 'Lou', email: `lou${n}@test.test`, commune: 'Basse-Terre', productsText: 'Rhum', capacityText: '1000 bouteilles', ...fields },
    ipHash: `ip-${n}`, locale: 'en',
  })
}
const producer = async (id: string) => (await sql<{ code: string; slug: string; status: string }>`select code, slug, status from producers where id = ${id}`.execute(database.db)).rows[0]!

test('two applicants of the same name get distinct codes and slugs', async () => {
  const a = await apply({ tradeName: 'Rhumerie Lakaz' })
  const b = await apply({ tradeName: 'Rhumerie  Lakaz' })
  assert.ok(a.ok && b.ok)
  const [pa, pb] = [await producer(a.producerId), await producer(b.producerId)]
  assert.equal(pa.slug, 'rhumerie-lakaz')
  assert.equal(pb.slug, 'rhumerie-lakaz-2')
  assert.equal(pa.code, 'PRD-RHUM')
  assert.notEqual(pb.code, pa.code)
  assert.match(pb.code, /^PRD-[A-Z0-9]{4}$/)
  assert.equal(pa.status, 'APPLICANT')
})

test('an applicant named like the form itself never takes its address', async () => {
  const r = await apply({ tradeName: 'Apply' })
  assert.ok(r.ok)
  assert.equal((await producer(r.producerId)).slug, 'apply-2')
})

test('an applicant that ticked rum lines is held to the alcohol payment terms', async () => {
  const r = await apply({ tradeName: 'Distillerie Ti Kanal', productLines: ['rhum_vieux'] })
  assert.ok(r.ok)
  const ctx = systemCtx(database.db, 'test', { actor: staff })
  await assert.rejects(
    addAgreement(ctx, { producerId: r.producerId, validFrom: '2026-12-01', model: 'PURCHASE', paymentTermsType: 'NET_DAYS_FROM_INVOICE', paymentTermsDays: '60' }),
    (err: AppError) => err.code === 'VALIDATION_FAILED' && /L441-11 II/.test(err.message),
  )
  const ok = await addAgreement(ctx, { producerId: r.producerId, validFrom: '2026-12-01', model: 'PURCHASE', paymentTermsType: 'DAYS_AFTER_END_OF_DELIVERY_MONTH', paymentTermsDays: '30' })
  assert.equal(ok.validFrom, '2026-12-01')
  // a system actor is not the team
  await assert.rejects(addAgreement(systemCtx(database.db, 'test'), { producerId: r.producerId, validFrom: '2027-01-01', model: 'PURCHASE', paymentTermsType: 'DAYS_AFTER_END_OF_DELIVERY_MONTH', paymentTermsDays: '30' }), (err: AppError) => err.code === 'FORBIDDEN')
})

test('bad input writes nothing and names each field', async () => {
  const before = (await sql<{ n: string }>`select count(*) as n from producers`.execute(database.db)).rows[0]!.n
  const r = await apply({ tradeName: 'x'.repeat(121), siren: '123456789', email: 'nope', annualUnits: '12,5', productLines: ['../etc'] })
  assert.equal(r.ok, false)
  assert.ok(!r.ok && r.code === 'VALIDATION_FAILED')
  assert.deepEqual(!r.ok && r.code === 'VALIDATION_FAILED' ? r.errors : null, { tradeName: 'tooLong', siren: 'siren', email: 'email', annualUnits: 'number', productLines: 'productLines' })
  assert.equal((await sql<{ n: string }>`select count(*) as n from producers`.execute(database.db)).rows[0]!.n, before)
})

test('the acknowledgement is queued in the applicant’s language and names the reference', async () => {
  const r = await apply({ tradeName: 'Kafé Matouba' })
  assert.ok(r.ok)
  const row = (await sql<{ locale: string; data: Record<string, unknown> }>`select locale, data from email_outbox where dedupe_key = ${`producer-application-received:${r.applicationId}`}`.execute(database.db)).rows[0]!
  assert.equal(row.locale, 'en')
  const mail = renderEmail('producer-application-received', 'en', row.data)
  assert.equal(mail.subject, 'We received your application — Kafé Matouba')
  assert.match(mail.text, new RegExp(r.code))
  assert.match(renderEmail('producer-application-received', 'fr', row.data).text, /Nous avons bien reçu votre candidature/)
})
