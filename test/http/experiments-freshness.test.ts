import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { type Browser, textOf } from './account-helpers.ts'
import { insertEvents, type EventRow } from '../../src/modules/analytics/index.ts'

// The analysis page stays fast however far behind the roll-up is: it rolls up one small batch at
// most (the minute job does the rest) and says how fresh its figures are.

let t: TestApp
let owner: Browser
before(async () => {
  t = await testApp()
  owner = (await signedInStaff(t.app, t.database, ['product_owner'])).browser
})
after(async () => t.close())

function exposure(visitor: string, variant: string, at: Date): EventRow {
  return {
    occurred_at: at, received_at: at, type: 'experiment_exposure', visitor_id: visitor, session_id: `s_${visitor.slice(2)}`, consent: true, device: 'desktop', market: 'FR-MAINLAND', locale: 'fr',
    path: '/fr/p/x', page_type: 'product', from_page_type: null, referrer_host: null, utm_source: null, utm_medium: null, utm_campaign: null, utm_content: null, utm_term: null,
    channel: 'direct', product_id: null, query: null, result_count: null, order_id: null, value_cents: null, step: null, metric: null, metric_value: null,
    experiment_key: 'fraicheur', variant_key: variant,
  }
}

test('far behind, the page counts one batch (5 000 events), says how many wait, and is complete on a later load', async () => {
  const form = {
    key: 'fraicheur', name: 'Fraîcheur', hypothesis: '', kind: 'experiment', surface: 'product_layout', primaryMetric: 'conversion', visitor: 'all', baselineRate: '0.1', mde: '0.2', alpha: '0.05', power: '0.8',
    v0_key: 'control', v0_name: 'Témoin', v0_weight: '50', v0_config: 'storyPosition=below', v1_key: 'b', v1_name: 'Histoire en haut', v1_weight: '50', v1_config: 'storyPosition=above',
  }
  const created = await owner.submit('/admin/experiences/nouvelle', form, '/admin/experiences')
  const id = /\/admin\/experiences\/(exp_[A-Z0-9]+)/.exec(String(created.headers.location))![1]!
  const before = textOf((await owner.get(`/admin/experiences/${id}`)).body)
  assert.match(before, /Fraîcheur des chiffres/)
  await owner.submit(`/admin/experiences/${id}`, {}, `/admin/experiences/${id}/demarrer`)

  const now = Date.now()
  const rows = Array.from({ length: 6_000 }, (_, i) => exposure(`v_f${String(i).padStart(8, '0')}`, i % 2 ? 'b' : 'control', new Date(now + i)))
  await insertEvents(t.database.db, rows)
  await sql`UPDATE events SET inserted_at = now() - interval '1 minute'`.execute(t.database.db)

  const first = textOf((await owner.get(`/admin/experiences/${id}`)).body)
  assert.match(first, /Témoin control \(témoin\) 50 % 2\s500 /, 'one batch of 5 000 exposures counted')
  assert.match(first, /environ 1\s000 événements plus récents ne sont pas encore comptés/)
  assert.match(first, /événements reçus jusqu’au \d{2}\/\d{2}\/\d{4}/)

  const second = textOf((await owner.get(`/admin/experiences/${id}`)).body)
  assert.match(second, /Témoin control \(témoin\) 50 % 3\s000 /)
  assert.match(second, /— à jour/)
  assert.doesNotMatch(second, /pas encore comptés/)
})
