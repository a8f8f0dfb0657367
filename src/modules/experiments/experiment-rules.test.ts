import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { experimentFor, getExperiment, saveExperiment, searchJournal, startExperiment, stopExperiment, recordDecision, type SaveExperimentInput } from './index.ts'

let database: Database
before(async () => {
  database = await testDatabase({ seed: false })
})
after(async () => database?.close())
const ctx = (): Ctx => systemCtx(database.db, 'test')

const draft = (over: Partial<SaveExperimentInput> = {}): SaveExperimentInput => ({
  key: 'histoire-producteur', name: 'Histoire du producteur en premier', hypothesis: 'Un récit concret du producteur fera ajouter plus au panier', kind: 'experiment', surface: 'product_layout',
  primaryMetric: 'conversion', baselineRate: 0.03, mde: 0.2,
  variants: [{ key: 'control', name: 'Témoin', weight: 50, config: {} }, { key: 'b', name: 'Histoire en premier', weight: 50, config: { storyPosition: 'above' } }],
  ...over,
})

const refused = (code: string, pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof AppError, String(e))
  assert.equal(e.code, code)
  assert.match(e.message, pattern)
  return true
}

test('a draft computes its minimum sample; bad definitions are refused with a message naming the rule', async () => {
  const e = await saveExperiment(ctx(), draft())
  assert.equal(e.status, 'draft')
  // Evan Miller: 3 % baseline, +20 % relative, α 5 %, power 80 % → about 13 900 per variant
  assert.ok(e.minSamplePerVariant! > 13_000 && e.minSamplePerVariant! < 15_000, String(e.minSamplePerVariant))
  await assert.rejects(saveExperiment(ctx(), draft({ key: 'poids', variants: [{ key: 'control', name: 'A', weight: 50, config: {} }, { key: 'b', name: 'B', weight: 40, config: {} }] })),
    refused('VALIDATION_FAILED', /100 % au total \(ici 90 %\)/))
  await assert.rejects(saveExperiment(ctx(), draft({ key: 'seule', variants: [{ key: 'control', name: 'A', weight: 100, config: {} }] })), refused('VALIDATION_FAILED', /au moins 2 variantes/))
  await assert.rejects(saveExperiment(ctx(), draft({ key: 'cible', targeting: { markets: ['MARS'] as never, devices: [], visitor: 'all' } })), refused('VALIDATION_FAILED', /Marché inconnu/))
  await assert.rejects(saveExperiment(ctx(), draft({ key: 'reglage', variants: [{ key: 'control', name: 'A', weight: 50, config: {} }, { key: 'b', name: 'B', weight: 50, config: { colour: 'red' } }] })),
    refused('VALIDATION_FAILED', /Réglage « colour » inconnu/))
  await assert.rejects(saveExperiment(ctx(), draft()), refused('VALIDATION_FAILED', /déjà celle d’une autre expérience/))
  await assert.rejects(saveExperiment(ctx(), draft({ key: 'drapeau', kind: 'flag', surface: 'flag', variants: [{ key: 'on', name: 'On', weight: 100, config: {} }] })), refused('VALIDATION_FAILED', /off puis on/))
})

test('cannot start without a primary metric; a running experiment keeps its variants and weights; stop then decide', async () => {
  const e = await saveExperiment(ctx(), draft({ key: 'sans-metrique', primaryMetric: null }))
  await assert.rejects(startExperiment(ctx(), e.id), refused('VALIDATION_FAILED', /sans indicateur principal/))
  assert.equal((await getExperiment(ctx(), e.id))!.status, 'draft', 'nothing changed')

  const ok = await saveExperiment(ctx(), { ...draft({ key: 'reassurance', surface: 'product_text', variants: [{ key: 'control', name: 'A', weight: 50, config: {} }, { key: 'b', name: 'B', weight: 50, config: { reassurance: 'Expédié de Guadeloupe sous 48 h' } }] }) })
  const running = await startExperiment(ctx(), ok.id)
  assert.equal(running.status, 'running')
  const changed = { ...draft({ key: 'reassurance', surface: 'product_text', variants: [{ key: 'control', name: 'A', weight: 20, config: {} }, { key: 'b', name: 'B', weight: 80, config: { reassurance: 'x' } }] }), experimentId: ok.id }
  await assert.rejects(saveExperiment(ctx(), changed), refused('CONFLICT', /ne peuvent pas changer/))
  // the wording of the hypothesis may still be clarified
  const renamed = await saveExperiment(ctx(), { ...draft({ key: 'reassurance', surface: 'product_text', name: 'Ligne de réassurance', variants: running.variants }), experimentId: ok.id })
  assert.equal(renamed.name, 'Ligne de réassurance')
  await assert.rejects(startExperiment(ctx(), ok.id), refused('CONFLICT', /déjà en cours/))

  await stopExperiment(ctx(), ok.id, { decision: 'iterate', learning: 'Les livraisons rapides rassurent surtout sur mobile' })
  await assert.rejects(saveExperiment(ctx(), { ...draft({ key: 'reassurance', surface: 'product_text', variants: running.variants }), experimentId: ok.id }), refused('CONFLICT', /arrêtée/))
  await assert.rejects(recordDecision(ctx(), ok.id, { decision: 'ship', learning: '  ' }), refused('VALIDATION_FAILED', /apprendre|appris/))
  await recordDecision(ctx(), ok.id, { decision: 'ship', learning: 'On garde le texte de réassurance' })
  // French full-text search: "livraison" finds "livraisons", the hypothesis is searched too
  const found = await searchJournal(ctx(), 'livraison')
  assert.deepEqual(found.map((d) => d.decision), ['iterate'])
  assert.equal((await searchJournal(ctx(), 'récit concret')).length, 2, 'hypothesis words find both decisions')
  assert.equal((await searchJournal(ctx(), 'ananas')).length, 0)
})

test('a text test may set the add-to-cart label: both languages, one line of 40 characters at most', async () => {
  const withLabels = (config: Record<string, string | boolean>, key: string) => draft({ key, surface: 'product_text', variants: [{ key: 'control', name: 'A', weight: 50, config: {} }, { key: 'b', name: 'B', weight: 50, config }] })
  const ok = await saveExperiment(ctx(), withLabels({ addToCartFr: 'Je le veux', addToCartEn: 'I want it', reassurance: 'Expédié sous 48 h' }, 'bouton-ok'))
  assert.deepEqual(ok.variants[1]!.config, { addToCartFr: 'Je le veux', addToCartEn: 'I want it', reassurance: 'Expédié sous 48 h' })
  const bad: [Record<string, string | boolean>, RegExp][] = [
    [{ addToCartEn: 'I want it' }, /en français et en anglais/],
    [{ addToCartFr: 'Je le\nveux', addToCartEn: 'I want it' }, /1 à 40 caractères, sur une ligne/],
    [{ addToCartFr: ' Je le veux', addToCartEn: 'I want it' }, /sans espace au début/],
    [{ addToCartFr: 'é'.repeat(41), addToCartEn: 'I want it' }, /1 à 40 caractères/],
    [{ addToCartFr: true, addToCartEn: 'I want it' }, /1 à 40 caractères/],
  ]
  for (const [config, message] of bad) await assert.rejects(saveExperiment(ctx(), withLabels(config, 'bouton-ko')), refused('VALIDATION_FAILED', message))
  // another surface does not read it: refused as unknown there
  await assert.rejects(saveExperiment(ctx(), draft({ key: 'bouton-ailleurs', variants: [{ key: 'control', name: 'A', weight: 50, config: {} }, { key: 'b', name: 'B', weight: 50, config: { addToCartFr: 'x', addToCartEn: 'y' } }] })),
    refused('VALIDATION_FAILED', /Réglage « addToCartFr » inconnu/))
  assert.equal([...'é'.repeat(40)].length, 40, 'forty accented letters fit')
  await saveExperiment(ctx(), withLabels({ addToCartFr: 'é'.repeat(40), addToCartEn: 'e'.repeat(40) }, 'bouton-long'))
})

test('"new" and "returning" targeting apply to consented visitors only: a pseudonym of the day is neither', async () => {
  const e = await saveExperiment(ctx(), draft({ key: 'revenants', targeting: { markets: [], devices: [], visitor: 'returning' }, variants: [{ key: 'control', name: 'A', weight: 0, config: {} }, { key: 'b', name: 'B', weight: 100, config: { storyPosition: 'above' } }] }))
  const fresh = await saveExperiment(ctx(), draft({ key: 'nouveaux', surface: 'search_ranking', targeting: { markets: [], devices: [], visitor: 'new' }, variants: [{ key: 'control', name: 'A', weight: 0, config: { ranking: 'default' } }, { key: 'b', name: 'B', weight: 100, config: { ranking: 'newest_first' } }] }))
  await startExperiment(ctx(), e.id)
  await startExperiment(ctx(), fresh.id)
  const now = new Date()
  const visit = (visitorId: string, consent: boolean) => ({ visitorId, sessionId: 's_targeting00001', consent, device: 'desktop' as const, market: 'FR-MAINLAND', locale: 'fr' as const, bot: false })
  await sql`INSERT INTO analytics_visitors (visitor_id, first_seen_at, first_channel) VALUES ('v_returningvisitor00001', now() - interval '5 days', 'direct'), ('d_pseudonymoftheday0001', now() - interval '5 hours', 'direct')`.execute(database.db)
  const inTest = async (key: string, v: ReturnType<typeof visit>) => (await experimentFor(database.db, v, key, now)).inExperiment
  assert.equal(await inTest('revenants', visit('v_returningvisitor00001', true)), true, 'consented and seen days ago: returning')
  assert.equal(await inTest('revenants', visit('v_brandnewvisitor000001', true)), false, 'consented, never seen: not returning')
  assert.equal(await inTest('revenants', visit('d_pseudonymoftheday0001', false)), false, 'no consent: never returning')
  assert.equal(await inTest('nouveaux', visit('v_brandnewvisitor000001', true)), true, 'consented, never seen: new')
  assert.equal(await inTest('nouveaux', visit('v_returningvisitor00001', true)), false)
  assert.equal(await inTest('nouveaux', visit('d_anotherpseudonym00001', false)), false, 'no consent: not counted as new either')
  await stopExperiment(ctx(), e.id)
  await stopExperiment(ctx(), fresh.id)
})
