import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { isoDay } from '../../src/kernel/dates.ts'
import { addApplicationFile, submitApplication } from '../../src/modules/sourcing/index.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { Browser, textOf } from './account-helpers.ts'

// The back office of sourcing: the pipeline list, one producer's grid, notes, moves (with their
// refusals), agreements under the legal payment limits, guarded documents, and who may write.

let t: TestApp
let pm: Browser
before(async () => {
  t = await testApp()
  pm = (await signedInStaff(t.app, t.database, ['project_manager'])).browser
})
after(async () => t.close())

let n = 0
/** A fresh applicant through the public use case (as the form does), with one PDF. */
async function applicant(fields: Record<string, string> = {}): Promise<string> {
  n++
  const ctx = systemCtx(t.database.db, 'test')
  const r = await submitApplication(ctx, {
    fields: { tradeName: `Jardin Kréyòl ${n}`, siren: '732829320', contactName: 'Jo Bélair', email: `jo${n}@kreyol.test`, commune: 'Deshaies', productsText: 'Confitures', capacityText: '500 pots', ...fields },
    ipHash: `test-${n}`, locale: 'fr',
  })
  assert.ok(r.ok && r.producerId, JSON.stringify(r))
  const f = await addApplicationFile(ctx, { producerId: r.producerId, file: { bytes: Buffer.from('%PDF-1.4\n% kbis\n%%EOF\n'), filename: 'kbis <2026>.pdf' }, dataDir: t.config.dataDir })
  assert.ok(f.ok)
  return r.producerId
}
const producerIdOf = async (code: string) => (await sql<{ id: string }>`select id from producers where code = ${code}`.execute(t.database.db)).rows[0]!.id
const statusOf = async (id: string) => (await sql<{ status: string }>`select status from producers where id = ${id}`.execute(t.database.db)).rows[0]!.status
const ALL_SCORES = { score_authenticity: '5', score_quality: '4', score_export_potential: '3', score_capacity: '4', score_margin: '2', score_compliance: '5' }

test('the pipeline lists producers by step with counts, filters, search and sorting', async () => {
  await applicant({ tradeName: 'Kakao Lasous' })
  const all = await pm.get('/admin/candidatures')
  assert.equal(all.statusCode, 200)
  assert.match(textOf(all.body), /Candidature/)
  assert.match(all.body, /Distillerie Anse-Cascade/)
  const applicants = await pm.get('/admin/candidatures?statut=APPLICANT&sort=score&dir=desc')
  assert.equal(applicants.statusCode, 200)
  assert.match(applicants.body, /Kakao Lasous/)
  assert.doesNotMatch(applicants.body, /Distillerie Anse-Cascade/)
  const search = await pm.get('/admin/candidatures?q=lasous')
  assert.match(search.body, /Kakao Lasous/)
  assert.doesNotMatch(search.body, /Anse-Cascade/)
  const odd = await pm.get('/admin/candidatures?statut=NOPE&sort=evil;drop&dir=sideways')
  assert.equal(odd.statusCode, 200, 'an odd query falls back to the defaults')
})

test('what an applicant typed is escaped in the back office', async () => {
  const id = await applicant({ tradeName: '<script>alert(1)</script>', productsText: '<img src=x onerror=alert(2)>', message: '"><svg onload=alert(3)>' })
  for (const url of [`/admin/candidatures/${id}`, '/admin/candidatures?statut=APPLICANT']) {
    const res = await pm.get(url)
    assert.equal(res.statusCode, 200)
    assert.doesNotMatch(res.body, /<script>alert|<img src=x|<svg onload/)
    assert.match(res.body, /&lt;script>alert\(1\)&lt;\/script>/)
  }
})

test('documents download only through the guarded route', async () => {
  const id = await applicant()
  const page = await pm.get(`/admin/candidatures/${id}`)
  const href = /href="(\/admin\/candidatures\/[^"]+\/fichiers\/[^"]+)"/.exec(page.body)![1]!
  const dl = await pm.get(href)
  assert.equal(dl.statusCode, 200)
  assert.equal(dl.headers['content-type'], 'application/pdf')
  assert.match(String(dl.headers['content-disposition']), /^attachment; filename="kbis _2026_.pdf"/)
  assert.ok(dl.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')))
  const visitor = new Browser(t.app, '10.66.0.1')
  const refused = await visitor.get(href)
  assert.ok(refused.statusCode === 303 || refused.statusCode === 401, `visitor got ${refused.statusCode}`)
  assert.equal((await pm.get(`/admin/candidatures/${id}/fichiers/pfl_unknown`)).statusCode, 404)
})

test('scoring: the grid gives a weighted total; a score over the maximum is refused and nothing changes', async () => {
  const id = await applicant()
  await pm.get(`/admin/candidatures/${id}`)
  const bad = await pm.post(`/admin/candidatures/${id}/scores`, { ...ALL_SCORES, score_quality: '9', note_quality: 'très bon' })
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /Qualité : une note entière de 0 à 5/)
  assert.match(bad.body, /value="très bon"/, 'what was typed is kept')
  assert.equal(Number((await sql<{ n: string }>`select count(*) as n from producer_scores where producer_id = ${id}`.execute(t.database.db)).rows[0]!.n), 0)
  const ok = await pm.post(`/admin/candidatures/${id}/scores`, { ...ALL_SCORES, note_authenticity: 'Cacao criollo de la famille' })
  assert.equal(ok.statusCode, 303)
  const page = await pm.get(String(ok.headers.location))
  // 25×5/5 + 25×4/5 + 15×3/5 + 15×4/5 + 10×2/5 + 10×5/5 = 25 + 20 + 9 + 12 + 4 + 10 = 80
  assert.match(textOf(page.body), /Grille d’évaluation — 80 \/ 100/)
  assert.match(textOf(page.body), /Les notes sont enregistrées/)
  const audit = await sql<{ n: string }>`select count(*) as n from audit_log where entity_id = ${id} and action = 'sourcing.scored'`.execute(t.database.db)
  assert.equal(Number(audit.rows[0]!.n), 1)
})

test('moves follow the pipeline; ACTIVE needs an agreement in force and a complete grid; notes join the history', async () => {
  const id = await applicant({ tradeName: 'Confiserie Doudou' })
  await pm.get(`/admin/candidatures/${id}`)
  const skip = await pm.post(`/admin/candidatures/${id}/etape`, { to: 'ACTIVE', from: 'APPLICANT' })
  assert.equal(skip.statusCode, 409)
  assert.match(textOf(skip.body), /ne peut pas passer à « Actif »/)
  assert.equal(await statusOf(id), 'APPLICANT')
  for (const [from, to] of [['APPLICANT', 'EVALUATING'], ['EVALUATING', 'SELECTED']]) {
    await pm.get(`/admin/candidatures/${id}`)
    assert.equal((await pm.post(`/admin/candidatures/${id}/etape`, { to: to!, from: from!, move_note: `vers ${to}` })).statusCode, 303)
  }
  await pm.get(`/admin/candidatures/${id}`)
  const noAgreement = await pm.post(`/admin/candidatures/${id}/etape`, { to: 'ACTIVE', from: 'SELECTED' })
  assert.equal(noAgreement.statusCode, 409)
  assert.match(textOf(noAgreement.body), /ne peut pas devenir actif : aucun accord n’est en vigueur/)
  assert.match(textOf(noAgreement.body), /la grille n’est pas complète \(0 critère noté sur 6\)/)
  assert.equal(await statusOf(id), 'SELECTED')

  const today = isoDay(new Date())
  assert.equal((await pm.post(`/admin/candidatures/${id}/accords`, { validFrom: today, model: 'PURCHASE', paymentTermsType: 'NET_DAYS_FROM_INVOICE', paymentTermsDays: '60', incoterm: 'DAP GP-JARRY' })).statusCode, 303)
  await pm.get(`/admin/candidatures/${id}`)
  assert.equal((await pm.post(`/admin/candidatures/${id}/scores`, ALL_SCORES)).statusCode, 303)
  await pm.get(`/admin/candidatures/${id}`)
  const stale = await pm.post(`/admin/candidatures/${id}/etape`, { to: 'ACTIVE', from: 'EVALUATING' })
  assert.equal(stale.statusCode, 409, 'a move decided on a stale page is refused')
  await pm.get(`/admin/candidatures/${id}`)
  assert.equal((await pm.post(`/admin/candidatures/${id}/etape`, { to: 'ACTIVE', from: 'SELECTED', move_note: 'Contrat signé' })).statusCode, 303)
  assert.equal(await statusOf(id), 'ACTIVE')

  await pm.get(`/admin/candidatures/${id}`)
  assert.equal((await pm.post(`/admin/candidatures/${id}/notes`, { note: '' })).statusCode, 400)
  assert.equal((await pm.post(`/admin/candidatures/${id}/notes`, { note: 'Dégustation le 12 : très bon' })).statusCode, 303)
  const page = textOf((await pm.get(`/admin/candidatures/${id}`)).body)
  assert.match(page, /Dégustation le 12 : très bon/)
  assert.match(page, /Contrat signé/)
  const events = await sql<{ to_status: string | null }>`select to_status from producer_pipeline_events where producer_id = ${id} order by id`.execute(t.database.db)
  assert.deepEqual(events.rows.map((e) => e.to_status), ['APPLICANT', 'EVALUATING', 'SELECTED', 'ACTIVE', null])
  const audits = await sql<{ n: string }>`select count(*) as n from audit_log where entity_id = ${id} and action = 'sourcing.status_changed'`.execute(t.database.db)
  assert.equal(Number(audits.rows[0]!.n), 3)
})

test('agreements: a rum producer is refused 60 days net and accepted 30 days end of month; dates out of order are refused', async () => {
  const acs = await producerIdOf('PRD-ACS')
  const latest = (await sql<{ d: Date }>`select max(valid_from) as d from producer_agreements where producer_id = ${acs}`.execute(t.database.db)).rows[0]!.d
  const later = new Date(latest.getTime() + 40 * 86400_000)
  const day = isoDay(later)
  const page = await pm.get(`/admin/candidatures/${acs}`)
  assert.match(page.body, /<option value="DAYS_AFTER_END_OF_DELIVERY_MONTH" selected/, 'the form proposes the lawful terms')
  const before = (await sql<{ n: string }>`select count(*) as n from producer_agreements where producer_id = ${acs}`.execute(t.database.db)).rows[0]!.n
  const net60 = await pm.post(`/admin/candidatures/${acs}/accords`, { validFrom: day, model: 'PURCHASE', paymentTermsType: 'NET_DAYS_FROM_INVOICE', paymentTermsDays: '60' })
  assert.equal(net60.statusCode, 400)
  assert.match(textOf(net60.body), /alcool soumis à accise .* L441-11 II/)
  const eom31 = await pm.post(`/admin/candidatures/${acs}/accords`, { validFrom: day, model: 'PURCHASE', paymentTermsType: 'DAYS_AFTER_END_OF_DELIVERY_MONTH', paymentTermsDays: '31' })
  assert.equal(eom31.statusCode, 400)
  assert.equal((await sql<{ n: string }>`select count(*) as n from producer_agreements where producer_id = ${acs}`.execute(t.database.db)).rows[0]!.n, before)
  const ok = await pm.post(`/admin/candidatures/${acs}/accords`, { validFrom: day, model: 'CONSIGNMENT', commissionPct: '27,5', paymentTermsType: 'DAYS_AFTER_END_OF_DELIVERY_MONTH', paymentTermsDays: '30', note: 'Renouvellement' })
  assert.equal(ok.statusCode, 303)
  const row = (await sql<Record<string, unknown>>`select * from producer_agreements where producer_id = ${acs} order by valid_from desc limit 1`.execute(t.database.db)).rows[0]!
  assert.equal(row.commission_bp, 2750)
  assert.match(String(row.legal_basis), /L441-11 II/)
  await pm.get(`/admin/candidatures/${acs}`)
  const earlier = await pm.post(`/admin/candidatures/${acs}/accords`, { validFrom: isoDay(new Date(later.getTime() - 10 * 86400_000)), model: 'PURCHASE', paymentTermsType: 'DAYS_AFTER_END_OF_DELIVERY_MONTH', paymentTermsDays: '30' })
  assert.equal(earlier.statusCode, 400)
  assert.match(textOf(earlier.body), /ne peut pas commencer avant/)
  const badDate = await pm.post(`/admin/candidatures/${acs}/accords`, { validFrom: '2026-02-30', model: 'PURCHASE', paymentTermsType: 'DAYS_AFTER_END_OF_DELIVERY_MONTH', paymentTermsDays: '30' })
  assert.equal(badDate.statusCode, 400)
  // a coffee producer may keep 60 days net
  const chn = await producerIdOf('PRD-CHN')
  await pm.get(`/admin/candidatures/${chn}`)
  assert.equal((await pm.post(`/admin/candidatures/${chn}/accords`, { validFrom: '2030-01-01', model: 'PURCHASE', paymentTermsType: 'NET_DAYS_FROM_INVOICE', paymentTermsDays: '60' })).statusCode, 303)
})

test('a role without supply.manage reads the pipeline but every write answers 403', async () => {
  const id = await applicant()
  const { browser } = await signedInStaff(t.app, t.database, ['logistics'])
  const page = await browser.get(`/admin/candidatures/${id}`)
  assert.equal(page.statusCode, 200)
  assert.doesNotMatch(page.body, /Enregistrer les notes|Ajouter l’accord|Changer d’étape/)
  for (const [path, form] of [['scores', ALL_SCORES], ['notes', { note: 'x' }], ['etape', { to: 'EVALUATING' }], ['accords', { validFrom: '2031-01-01', model: 'PURCHASE', paymentTermsType: 'NET_DAYS_FROM_INVOICE', paymentTermsDays: '60' }]] as const) {
    const res = await browser.post(`/admin/candidatures/${id}/${path}`, form)
    assert.equal(res.statusCode, 403, path)
  }
  assert.equal(await statusOf(id), 'APPLICANT')
  assert.equal((await pm.get('/admin/candidatures/zzz_00000000000000000000000000')).statusCode, 404)
})
