import { test } from 'node:test'
import assert from 'node:assert/strict'
import { canShipFrom, originsFor } from './class-rules.ts'

// [class, origin territory, zone, may ship]
const rows: [string, string, string, boolean][] = [
  // bottles: from the mainland hub to mainland and EU, from Jarry to GP and MQ only
  ['BOTTLE', 'FR-MAINLAND', 'FR-MAINLAND', true],
  ['BOTTLE', 'FR-MAINLAND', 'EU', true],
  ['BOTTLE', 'FR-MAINLAND', 'WORLD', false],
  ['BOTTLE', 'FR-MAINLAND', 'GP', false],
  ['BOTTLE', 'GP', 'GP', true],
  ['BOTTLE', 'GP', 'MQ', true],
  ['BOTTLE', 'GP', 'FR-MAINLAND', false],
  ['BOTTLE', 'GP', 'RE', false],
  ['BOTTLE', 'GP', 'EU', false],
  // flowers leave Jarry only
  ['FRESH_FLOWERS_EXPRESS', 'GP', 'GP', true],
  ['FRESH_FLOWERS_EXPRESS', 'GP', 'MQ', true],
  ['FRESH_FLOWERS_EXPRESS', 'GP', 'FR-MAINLAND', true],
  ['FRESH_FLOWERS_EXPRESS', 'GP', 'RE', false],
  ['FRESH_FLOWERS_EXPRESS', 'FR-MAINLAND', 'FR-MAINLAND', false],
  // potted plants stay in Guadeloupe
  ['LIVE_PLANT_LOCAL', 'GP', 'GP', true],
  ['LIVE_PLANT_LOCAL', 'GP', 'MQ', false],
  ['LIVE_PLANT_LOCAL', 'FR-MAINLAND', 'FR-MAINLAND', false],
  // ambient goods go wherever a method goes
  ['AMBIENT', 'GP', 'WORLD', true],
  ['AMBIENT', 'FR-MAINLAND', 'RE', true],
]
for (const [cls, origin, zone, want] of rows) {
  test(`canShipFrom ${cls} ${origin} → ${zone}: ${want}`, () => assert.equal(canShipFrom(cls, origin, zone), want))
}

test('the origins that could serve a zone explain a refusal', () => {
  assert.deepEqual(originsFor('BOTTLE', 'FR-MAINLAND'), ['FR-MAINLAND'])
  assert.deepEqual(originsFor('BOTTLE', 'MQ'), ['GP'])
  assert.deepEqual(originsFor('BOTTLE', 'WORLD'), [])
  assert.throws(() => canShipFrom('FROZEN', 'GP', 'GP'), /no rule/)
})
