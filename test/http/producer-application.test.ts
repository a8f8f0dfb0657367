import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import * as fixture from '../helpers/image-fixtures.ts'
import { Browser, textOf } from './account-helpers.ts'

// The public producer application: the form (fr/en), its refusals, the thanks page with the
// signed link to attach photos and PDFs, and what the database and the outbox hold afterwards.

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

let ipCounter = 0
const newBrowser = () => new Browser(t.app, `10.77.0.${++ipCounter}`)

const VALID = {
  tradeName: 'Cacaoyère Bèl Bwa', legalForm: 'EARL', siren: '732 829 320', contactName: 'Man Sonia Bélair', email: 'sonia@belbwa.test',
  phone: '+590 690 12 34 56', commune: 'Pointe-Noire', island: 'Basse-Terre', otherLines: 'Chocolat noir, pâte de cacao',
  productsText: 'Fèves de cacao fermentées et chocolat noir 70 %.', capacityText: 'Deux récoltes par an.', annualUnits: '4 000', message: 'Au plaisir !',
}

/** Posts the form url-encoded as a browser does (repeated checkboxes), with the token of the last page. */
async function apply(b: Browser, fields: Record<string, string>, lines: string[] = [], path_ = '/fr/producteurs/candidater') {
  const page = await b.get(path_)
  assert.equal(page.statusCode, 200)
  const body = new URLSearchParams({ ...fields, _csrf: b.csrf })
  for (const l of lines) body.append('productLines', l)
  return t.app.inject({ method: 'POST', url: path_, remoteAddress: b.ip, payload: body.toString(), headers: { cookie: b.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' } })
}

/** Posts one file to the thanks page's form, as multipart. */
async function attach(b: Browser, thanksUrl: string, bytes: Buffer, filename: string, type: string) {
  const page = await b.get(thanksUrl)
  const form = new FormData()
  form.append('_csrf', b.csrf)
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  const encoded = new Response(form)
  const res = await t.app.inject({
    method: 'POST', url: thanksUrl, remoteAddress: b.ip, payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: b.cookieHeader, 'content-type': encoded.headers.get('content-type')! },
  })
  return { page, res }
}

const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n)
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)

test('the form is offered in French and English, with the product lines of active producers', async () => {
  const b = newBrowser()
  const fr = await b.get('/fr/producteurs/candidater')
  assert.equal(fr.statusCode, 200)
  assert.match(fr.headers['cache-control'] as string, /no-store/)
  assert.match(textOf(fr.body), /Proposer vos produits/)
  assert.match(fr.body, /name="productLines" value="rhum_vieux"/)
  assert.match(fr.body, /<label for="siren">Numéro SIREN/)
  const en = await b.get('/en/producers/apply')
  assert.equal(en.statusCode, 200)
  assert.match(textOf(en.body), /Offer your products/)
})

test('a valid application lands: producer APPLICANT, application, history, e-mail; files attach from the thanks page', async () => {
  const b = newBrowser()
  const producersBefore = await count('producers')
  const res = await apply(b, VALID, ['rhum_vieux', 'vanille'])
  assert.equal(res.statusCode, 303, res.body.slice(0, 500))
  const thanks = String(res.headers.location)
  assert.match(thanks, /^\/fr\/producteurs\/candidater\/merci\?d=/)
  assert.equal(await count('producers'), producersBefore + 1)

  const p = await t.database.db.selectFrom('producers' as never).selectAll().where('trade_name' as never, '=', VALID.tradeName as never).executeTakeFirstOrThrow() as Record<string, unknown>
  assert.equal(p.status, 'APPLICANT')
  assert.match(String(p.code), /^PRD-[A-Z0-9]{4}$/)
  assert.equal(p.slug, 'cacaoyere-bel-bwa')
  assert.equal(p.siren, '732829320')
  assert.deepEqual(p.product_lines, ['rhum_vieux', 'vanille', 'chocolat_noir', 'pate_de_cacao'])
  const a = (await sql<Record<string, unknown>>`select * from producer_applications where producer_id = ${p.id}`.execute(t.database.db)).rows[0]!
  assert.equal(a.contact_name, VALID.contactName)
  assert.equal(a.annual_capacity_units, 4000)
  assert.equal(a.locale, 'fr')
  const events = (await sql<Record<string, unknown>>`select * from producer_pipeline_events where producer_id = ${p.id}`.execute(t.database.db)).rows
  assert.deepEqual(events.map((e) => e.to_status), ['APPLICANT'])
  const mail = (await sql<Record<string, unknown>>`select * from email_outbox where template = 'producer-application-received' and to_address = ${VALID.email}`.execute(t.database.db)).rows
  assert.equal(mail.length, 1)
  assert.equal((mail[0]!.data as { reference: string }).reference, p.code)

  const page = await b.get(thanks)
  assert.equal(page.statusCode, 200)
  assert.match(textOf(page.body), /Merci pour votre candidature/)
  assert.match(textOf(page.body), /Cacaoyère Bèl Bwa/)

  const photo = await attach(b, thanks, await fixture.png(400, 300), 'cabosses.png', 'image/png')
  assert.equal(photo.res.statusCode, 303, photo.res.body.slice(0, 500))
  const doc = await attach(b, thanks, pdf('kbis'), 'kbis.pdf', 'application/pdf')
  assert.equal(doc.res.statusCode, 303)
  const files = (await sql<Record<string, unknown>>`select * from producer_files where producer_id = ${p.id} order by created_at, kind desc`.execute(t.database.db)).rows
  assert.deepEqual(files.map((f) => [f.kind, f.file_name, f.content_type]).sort(), [['document', 'kbis.pdf', 'application/pdf'], ['photo', 'cabosses.png', 'image/png']])
  const stored = files.find((f) => f.kind === 'document')!
  assert.match(String(stored.storage_key), /^producer-files\/[0-9a-f]{64}$/)
  assert.deepEqual(fs.readFileSync(path.join(t.config.dataDir, String(stored.storage_key))), pdf('kbis'))
  assert.ok(files.find((f) => f.kind === 'photo')!.image_id, 'the photo went through media')
  const after = await b.get(`${thanks}&ok=1`)
  assert.match(textOf(after.body), /kbis\.pdf \(document\)/)
  assert.match(textOf(after.body), /Le fichier est joint/)
  // documents are never reachable from the public media folder
  assert.equal((await b.get(`/media/${String(stored.storage_key)}`)).statusCode, 404)

  // nothing of an applicant shows on the storefront
  const directory = await b.get('/fr/producteurs')
  assert.doesNotMatch(directory.body, /Bèl Bwa/)
  assert.equal((await b.get('/fr/producteurs/cacaoyere-bel-bwa')).statusCode, 404)
  const sitemap = await b.get('/sitemap.xml')
  assert.doesNotMatch(sitemap.body, /cacaoyere-bel-bwa/)
})

test('wrong SIREN, e-mail and missing fields: 400 with a message at each field, nothing written', async () => {
  const b = newBrowser()
  const before = [await count('producers'), await count('producer_applications'), await count('email_outbox')]
  const res = await apply(b, { ...VALID, siren: '732829321', email: 'sonia@', tradeName: '', productsText: '  ' })
  assert.equal(res.statusCode, 400)
  const text = textOf(res.body)
  assert.match(text, /Numéro SIREN n’est pas un SIREN valide/)
  assert.match(text, /Adresse e-mail n’est pas une adresse e-mail valide/)
  assert.match(text, /Nom commercial est obligatoire/)
  assert.match(text, /Décrivez vos produits est obligatoire/)
  assert.match(res.body, /value="Man Sonia Bélair"/, 'what was typed is kept')
  assert.deepEqual([await count('producers'), await count('producer_applications'), await count('email_outbox')], before)
  const en = await apply(newBrowser(), { ...VALID, siren: '12345' }, [], '/en/producers/apply')
  assert.equal(en.statusCode, 400)
  assert.match(textOf(en.body), /SIREN number is not a valid SIREN/)
})

test('a program renamed .pdf, a GIF and an unreadable picture are refused; nothing is stored', async () => {
  const b = newBrowser()
  const res = await apply(b, { ...VALID, tradeName: 'Épices Ti Jadin', email: 'jadin@epices.test' })
  const thanks = String(res.headers.location)
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 1)])
  const r1 = await attach(b, thanks, exe, 'kbis.pdf', 'application/pdf')
  assert.equal(r1.res.statusCode, 415)
  assert.match(textOf(r1.res.body), /kbis\.pdf n’est ni une photo JPEG, PNG ou WebP ni un PDF/)
  const r2 = await attach(b, thanks, await fixture.gif(), 'anim.gif', 'image/gif')
  assert.equal(r2.res.statusCode, 415)
  const r3 = await attach(b, thanks, Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100)]), 'broken.png', 'image/png')
  assert.equal(r3.res.statusCode, 422)
  const id = (await sql<{ id: string }>`select id from producers where trade_name = 'Épices Ti Jadin'`.execute(t.database.db)).rows[0]!.id
  assert.equal(Number((await sql<{ n: string }>`select count(*) as n from producer_files where producer_id = ${id}`.execute(t.database.db)).rows[0]!.n), 0)
})

test('at most 8 files; a forged or foreign link attaches nothing', async () => {
  const b = newBrowser()
  const res = await apply(b, { ...VALID, tradeName: 'Miel Kannèl', email: 'miel@kannel.test' })
  const thanks = String(res.headers.location)
  for (let i = 1; i <= 8; i++) assert.equal((await attach(b, thanks, pdf(`doc ${i}`), `doc-${i}.pdf`, 'application/pdf')).res.statusCode, 303)
  const ninth = await attach(b, thanks, pdf('doc 9'), 'doc-9.pdf', 'application/pdf')
  assert.equal(ninth.res.statusCode, 409)
  assert.match(textOf(ninth.res.body), /dépasse 8 fichiers/)
  const token = decodeURIComponent(thanks.split('?d=')[1]!)
  const [id, exp] = token.split('.')
  const forged = `/fr/producteurs/candidater/merci?d=${encodeURIComponent(`${id}.${Number(exp) + 1000}.AAAA`)}`
  const f = await attach(b, forged, pdf('forged'), 'x.pdf', 'application/pdf')
  assert.equal(f.res.statusCode, 404)
  assert.equal((await b.get('/fr/producteurs/candidater/merci?d=nope')).statusCode, 404)
})

test('without the CSRF token nothing is written; the honeypot writes nothing; an address sending many is slowed down', async () => {
  const b = newBrowser()
  await b.get('/fr/producteurs/candidater')
  const before = await count('producers')
  const noToken = await b.post('/fr/producteurs/candidater', VALID, null)
  assert.equal(noToken.statusCode, 403)
  const robot = await apply(b, { ...VALID, website: 'http://spam.test' })
  assert.equal(robot.statusCode, 303)
  assert.equal(await count('producers'), before)

  const spammer = newBrowser()
  for (let i = 1; i <= 3; i++) assert.equal((await apply(spammer, { ...VALID, tradeName: `Producteur ${i}`, email: `p${i}@spam.test` })).statusCode, 303)
  const fourth = await apply(spammer, { ...VALID, tradeName: 'Producteur 4', email: 'p4@spam.test' })
  assert.equal(fourth.statusCode, 429)
  assert.ok(Number(fourth.headers['retry-after']) > 0)
  assert.match(textOf(fourth.body), /Trop de candidatures/)
  assert.equal(await count('producers'), before + 3)
})
