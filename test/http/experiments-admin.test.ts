import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { insertEvents, type EventRow } from '../../src/modules/analytics/index.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { type Browser, textOf } from './account-helpers.ts'

// The back office of experiments: a product owner defines, starts and stops a test; the rules refuse
// bad definitions with the field in error; the analysis page reads the roll-up; the decision journal.

let t: TestApp
let owner: Browser
let logistics: Browser

before(async () => {
  t = await testApp()
  owner = (await signedInStaff(t.app, t.database, ['product_owner'])).browser
  logistics = (await signedInStaff(t.app, t.database, ['logistics'])).browser
})
after(async () => t.close())

const form = (change: Record<string, string> = {}): Record<string, string> => ({
  key: 'reassurance-48h', name: 'Réassurance 48 h', hypothesis: 'Annoncer l’expédition sous 48 h rassure les acheteurs de fleurs', kind: 'experiment', surface: 'product_text',
  primaryMetric: 'conversion', visitor: 'all', baselineRate: '0,1', mde: '0.2', alpha: '0.05', power: '0.8',
  v0_key: 'control', v0_name: 'Témoin', v0_weight: '50', v0_config: '',
  v1_key: 'b', v1_name: 'Sous 48 h', v1_weight: '50', v1_config: 'reassurance=Expédié sous 48 h',
  ...change,
})
const idOf = (location: unknown) => /\/admin\/experiences\/(exp_[A-Z0-9]+)/.exec(String(location))![1]!

test('weights that do not make 100 are refused on the form, nothing is created; a valid draft shows its minimum sample', async () => {
  const bad = await owner.submit('/admin/experiences/nouvelle', form({ v1_weight: '40' }), '/admin/experiences')
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /Les poids des variantes doivent faire 100 % au total \(ici 90 %\)/)
  assert.match(bad.body, /value="Réassurance 48 h"/, 'what was typed is kept')
  assert.equal((await sql<{ n: number }>`SELECT count(*)::int AS n FROM experiments`.execute(t.database.db)).rows[0]!.n, 0)

  const unknown = await owner.submit('/admin/experiences/nouvelle', form({ v1_config: 'couleur=rouge' }), '/admin/experiences')
  assert.equal(unknown.statusCode, 400)
  assert.match(textOf(unknown.body), /Réglage « couleur » inconnu/)

  const ok = await owner.submit('/admin/experiences/nouvelle', form(), '/admin/experiences')
  assert.equal(ok.statusCode, 303)
  const page = await owner.get(String(ok.headers.location))
  assert.equal(page.statusCode, 200)
  // Evan Miller's formula: 10 % baseline, +20 % relative, α 5 %, power 80 %: 3 623 per variant
  assert.match(textOf(page.body), /3\s623 visiteurs par variante/)
})

test('only experiments.manage writes; no start without a primary metric; a running test cannot change its weights; stop with a decision, then search the journal', async () => {
  assert.equal((await logistics.get('/admin/experiences')).statusCode, 200, 'dashboard.view reads the list')
  assert.equal((await logistics.get('/admin/experiences/nouvelle')).statusCode, 403)

  const created = await owner.submit('/admin/experiences/nouvelle', form({ key: 'sans-indicateur', primaryMetric: '' }), '/admin/experiences')
  const id = idOf(created.headers.location)
  const refused = await owner.submit(`/admin/experiences/${id}`, {}, `/admin/experiences/${id}/demarrer`)
  assert.equal(refused.statusCode, 400)
  assert.match(textOf(refused.body), /Impossible de démarrer sans indicateur principal/)

  const edited = await owner.submit(`/admin/experiences/${id}/modifier`, form({ key: 'sans-indicateur', version: '1' }), `/admin/experiences/${id}`)
  assert.equal(edited.statusCode, 303)
  const started = await owner.submit(`/admin/experiences/${id}`, {}, `/admin/experiences/${id}/demarrer`)
  assert.equal(started.statusCode, 303)
  const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE entity_id = ${id} ORDER BY id`.execute(t.database.db)
  assert.ok(audit.rows.some((r) => r.action === 'experiments.started'))

  const change = await owner.submit(`/admin/experiences/${id}/modifier`, form({ key: 'sans-indicateur', version: '3', v0_weight: '20', v1_weight: '80' }), `/admin/experiences/${id}`)
  assert.equal(change.statusCode, 409)
  assert.match(textOf(change.body), /ses variantes, poids, ciblage et emplacement ne peuvent pas changer/)

  const noLearning = await owner.submit(`/admin/experiences/${id}`, { decision: 'kill', learning: '' }, `/admin/experiences/${id}/arreter`)
  assert.equal(noLearning.statusCode, 400)
  assert.match(textOf(noLearning.body), /Écrivez ce que l’expérience a appris/)
  assert.equal((await sql<{ status: string }>`SELECT status FROM experiments WHERE id = ${id}`.execute(t.database.db)).rows[0]!.status, 'running', 'nothing changed')

  const stopped = await owner.submit(`/admin/experiences/${id}`, { decision: 'kill', learning: 'Les acheteurs de fleurs lisent peu la ligne de réassurance' }, `/admin/experiences/${id}/arreter`)
  assert.equal(stopped.statusCode, 303)
  const journal = textOf((await logistics.get('/admin/experiences/journal?q=fleur')).body)
  assert.match(journal, /1 décision pour « fleur »/)
  assert.match(journal, /Abandonner/)
  assert.match(textOf((await logistics.get('/admin/experiences/journal?q=ananas')).body), /0 décision pour « ananas »/)
  assert.equal((await logistics.get('/admin/experiences/zzz_00000000000000000000000000')).statusCode, 404)
})

function ev(type: EventRow['type'], visitor: string, at: Date, extra: Partial<EventRow>): EventRow {
  return {
    occurred_at: at, received_at: at, type, visitor_id: visitor, session_id: 's_analysis0000', consent: true, device: 'desktop', market: 'FR-MAINLAND', locale: 'fr',
    path: '/fr/p/x', page_type: 'product', from_page_type: null, referrer_host: null, utm_source: null, utm_medium: null, utm_campaign: null, utm_content: null, utm_term: null,
    channel: 'direct', product_id: null, query: null, result_count: null, order_id: null, value_cents: null, step: null, metric: null, metric_value: null,
    experiment_key: null, variant_key: null, ...extra,
  }
}

test('the analysis page: a known +5 points effect is significant with its interval; a broken split raises the red SRM alarm', async () => {
  const created = await owner.submit('/admin/experiences/nouvelle', form({ key: 'effet-page', surface: 'product_layout', v0_config: 'storyPosition=below', v1_config: 'storyPosition=above' }), '/admin/experiences')
  const id = idOf(created.headers.location)
  await owner.submit(`/admin/experiences/${id}`, {}, `/admin/experiences/${id}/demarrer`)
  // 2000 visitors per arm; exactly 10 % vs 15 % convert (deterministic counts), then 600 extra control visitors break the 50/50 split
  const now = Date.now()
  const rows: EventRow[] = []
  const arm = (variant: string, n: number, buyers: number, offset: number) => {
    for (let i = 0; i < n; i++) {
      const v = `v_${variant}${String(offset + i).padStart(8, '0')}`
      rows.push(ev('experiment_exposure', v, new Date(now + i), { experiment_key: 'effet-page', variant_key: variant }))
      if (i < buyers) rows.push(ev('order', v, new Date(now + i + 60_000), { order_id: `ord_${variant}${offset + i}`, value_cents: 3500 }))
    }
  }
  arm('control', 2000, 200, 0)
  arm('b', 2000, 300, 0)
  await insertEvents(t.database.db, rows)
  await sql`UPDATE events SET inserted_at = now() - interval '1 minute'`.execute(t.database.db)
  const page = textOf((await owner.get(`/admin/experiences/${id}`)).body)
  assert.match(page, /Témoin control \(témoin\) 50 % 2\s000 200 10,00 %/)
  assert.match(page, /p-valeur (&lt;|<) 0,0001/)
  assert.match(page, /Effet absolu \(IC\) \+5 pt \[\+[0-9,]+ pt ; \+[0-9,]+ pt\]/)
  const [lo, hi] = /Effet absolu \(IC\) \+5 pt \[\+([0-9,]+) pt ; \+([0-9,]+) pt\]/.exec(page)!.slice(1).map((x) => Number(x.replace(',', '.')))
  assert.ok(lo! < 5 && 5 < hi!, 'the interval holds the true effect')
  assert.match(page, /Chance de battre le témoin (99,[0-9]|100,0) %/)
  assert.doesNotMatch(page, /Alerte : déséquilibre/)

  const extra: EventRow[] = []
  for (let i = 0; i < 600; i++) extra.push(ev('experiment_exposure', `v_extra${String(i).padStart(8, '0')}`, new Date(now + i), { experiment_key: 'effet-page', variant_key: 'control' }))
  await insertEvents(t.database.db, extra)
  await sql`UPDATE events SET inserted_at = now() - interval '1 minute'`.execute(t.database.db)
  const broken = await owner.get(`/admin/experiences/${id}`)
  assert.match(broken.body, /role="alert"[^>]*>\s*<h2>Alerte : déséquilibre de répartition \(SRM\)/)
})
