import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { findProducerIds, getProducer, getProducerSummaries, listProducers } from './index.ts'

let database: Database
let fr: Ctx
let en: Ctx
before(async () => {
  database = await testDatabase()
  fr = systemCtx(database.db, 'test')
  en = systemCtx(database.db, 'test', { locale: 'en' })
})
after(async () => database.close())

test('directory: the 11 active producers by name, without the applicant nor the operator', async () => {
  const all = await listProducers(fr)
  assert.equal(all.length, 11)
  const names = all.map((p) => p.name)
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  assert.ok(!all.some((p) => p.slug === 'lakou' || p.slug === 'cacaoyere-ti-bwa'))
  const featured = await listProducers(fr, { featured: true })
  assert.deepEqual(featured.map((p) => p.slug).sort(), ['cafeiere-des-hauts-nuages', 'confiturerie-doux-karet', 'distillerie-anse-cascade', 'jardins-flamboyance'])
  assert.equal((await listProducers(fr, { featured: false })).length, 7)
})

test('a producer in the language of the request, with labels; unknown or applicant: null', async () => {
  const fra = await getProducer(fr, 'distillerie-anse-cascade')
  const eng = await getProducer(en, 'distillerie-anse-cascade')
  assert.match(fra?.story ?? '', /distillerie familiale/)
  assert.match(eng?.story ?? '', /family distillery/)
  assert.equal(fra?.sinceYear, 1962)
  assert.equal(fra?.commune, 'Capesterre-Belle-Eau')
  assert.deepEqual(fra?.labels.map((l) => l.code), ['IG_RHUM_GUADELOUPE', 'MENTION_AGRICOLE', 'CIRCUIT_COURT', 'PRODUIT_PEYI'])
  assert.equal(eng?.labels[0]?.kind, 'official')
  assert.equal(await getProducer(fr, 'cacaoyere-ti-bwa'), null)
  assert.equal(await getProducer(fr, 'nobody'), null)
})

test('summaries by id and ids by slug or id, hidden producers left out', async () => {
  const acs = await getProducer(fr, 'distillerie-anse-cascade')
  const map = await getProducerSummaries(fr, [acs!.id, acs!.id, 'prf_nope'])
  assert.deepEqual([...map.keys()], [acs!.id])
  const ids = await findProducerIds(fr, ['distillerie-anse-cascade', acs!.id, 'cacaoyere-ti-bwa'])
  assert.equal(ids.get('distillerie-anse-cascade'), acs!.id)
  assert.equal(ids.get(acs!.id), acs!.id)
  assert.equal(ids.has('cacaoyere-ti-bwa'), false)
})
