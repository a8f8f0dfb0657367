import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { producerIdByCode } from '../../src/modules/payables/test-fixtures.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { type Browser, textOf } from './account-helpers.ts'

// Finance types a producer's bank account (payment runs pay it): checked IBAN and BIC, stored
// without spaces, audited with the IBAN masked, shown masked in the producer list.

let t: TestApp
let finance: Browser
let producerId: string
before(async () => {
  t = await testApp()
  finance = (await signedInStaff(t.app, t.database, ['finance'])).browser
  producerId = await producerIdByCode(t.database.db, 'PRD-MTE')
})
after(async () => t.close())

const stored = async () => (await sql<{ iban: string | null; bic: string | null; bank_account_holder: string | null }>`select iban, bic, bank_account_holder from producers where id = ${producerId}`.execute(t.database.db)).rows[0]!

test('finance replaces a demo account: typed with spaces and in lower case, stored normalised, audited with the IBAN masked', async () => {
  const url = `/admin/producteurs/${producerId}/banque`
  const page = await finance.get(url)
  assert.equal(page.statusCode, 200)
  assert.ok(page.body.includes('value="FR76 9999 9000 0101 0000 3959 650"'), 'the seeded demo account is in the form, in groups of four')
  const res = await finance.post(url, { iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agri frpp 882', holder: 'Épices Man Ténia SARL' })
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, `${url}?ok=saved`)
  assert.deepEqual(await stored(), { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP882', bank_account_holder: 'Épices Man Ténia SARL' })
  const audit = await sql<{ before: unknown; after: unknown }>`select before, after from audit_log where action = 'producers.bank_changed' and entity_id = ${producerId}`.execute(t.database.db)
  assert.equal(audit.rows.length, 1)
  assert.ok(!JSON.stringify(audit.rows[0]).includes('30006000011234567890189'), 'no full IBAN in the audit log')
  assert.match(JSON.stringify(audit.rows[0]!.after), /0189/)
  assert.ok(textOf((await finance.get(`${url}?ok=saved`)).body).includes('Les coordonnées bancaires sont enregistrées.'))
})

test('a wrong checksum, a malformed BIC or a missing holder re-render the form with field errors, and nothing changes', async () => {
  const url = `/admin/producteurs/${producerId}/banque`
  const before = await stored()
  await finance.get(url)
  const res = await finance.post(url, { iban: 'FR76 3000 6000 0112 3456 7890 188', bic: 'BNPAFR', holder: '' })
  assert.equal(res.statusCode, 400)
  const text = textOf(res.body)
  assert.ok(text.includes('Le formulaire contient des erreurs'))
  assert.ok(text.includes('IBAN invalide'), text)
  assert.ok(text.includes('BIC invalide'))
  assert.ok(res.body.includes('value="FR76 3000 6000 0112 3456 7890 188"'), 'what was typed is kept')
  assert.deepEqual(await stored(), before)
})

test('the producer list shows only the last four characters of each IBAN', async () => {
  const merchandiser = (await signedInStaff(t.app, t.database, ['e_merchandiser'])).browser
  const list = await merchandiser.get('/admin/producteurs')
  assert.equal(list.statusCode, 200)
  const text = textOf(list.body)
  assert.ok(text.includes('•••• 0189'))
  assert.ok(!list.body.includes('FR7630006000011234567890189') && !text.includes('3000 6000 0112'))
})

test('without payables.manage the account is not editable: a content manager is refused, a director reads it masked', async () => {
  const url = `/admin/producteurs/${producerId}/banque`
  const content = (await signedInStaff(t.app, t.database, ['content_manager'])).browser
  assert.equal((await content.get(url)).statusCode, 403)
  const director = (await signedInStaff(t.app, t.database, ['director'])).browser
  const page = await director.get(url)
  assert.equal(page.statusCode, 200)
  assert.ok(textOf(page.body).includes('•••• 0189'))
  assert.ok(!page.body.includes('name="iban"'))
  assert.equal((await finance.get('/admin/producteurs/zzz_00000000000000000000000000/banque')).statusCode, 404)
})
