import { test } from 'node:test'
import assert from 'node:assert/strict'
import { normalizeQuery } from './normalize-query.ts'
import { pinSlots, mergePage } from './pins.ts'
import { applySynonyms, tsqueryText } from './tsquery.ts'

test('normalizeQuery folds case, accents, ligatures and punctuation', () => {
  const cases: [string, string][] = [
    ['CAFÉ', 'cafe'],
    ['  Rhum   vieux!! ', 'rhum vieux'],
    ["bois d'Inde", 'bois d inde'],
    ['Œuf', 'oeuf'],
    ['ｒｈｕｍ', 'rhum'], // full-width letters (NFKC)
    ['56,3 %', '56 3'],
    ["'; DROP TABLE products; --", 'drop table products'],
    ['<script>alert(1)</script>', 'script alert 1 script'],
  ]
  for (const [raw, text] of cases) {
    const r = normalizeQuery(raw)
    assert.ok(r.ok, raw)
    assert.equal(r.query.text, text, raw)
  }
})

test('normalizeQuery refuses what cannot be a search, with the reason', () => {
  const cases: [string, string][] = [
    ['a'.repeat(101), 'too_long'],
    ['rhum\u0000', 'control_characters'],
    ['rhum\u001b[31m', 'control_characters'],
    ['caf\uFFFD', 'control_characters'],
    ['rhum\uD800', 'control_characters'],
    ['!!! ???', 'nothing_searchable'],
    ['   ', 'nothing_searchable'],
  ]
  for (const [raw, problem] of cases) {
    const r = normalizeQuery(raw)
    assert.equal(r.ok, false, JSON.stringify(raw))
    if (!r.ok) assert.equal(r.problem, problem, JSON.stringify(raw))
  }
  assert.equal(normalizeQuery('a'.repeat(100)).ok, true)
  assert.equal(normalizeQuery('rhum\tvieux\n').ok, true)
  assert.equal(normalizeQuery('😀 rhum').ok, true)
})

test('synonyms widen a word, multi-word synonyms become phrases, one-way groups expand only from their head', () => {
  const groups = [{ terms: ['rhum', 'ti punch', 'rum'], oneWay: false }, { terms: ['cadeau', 'coffret'], oneWay: true }]
  assert.equal(tsqueryText(applySynonyms(['rhum', 'vieux'], groups, false)), "('rhum' | 'ti' <-> 'punch' | 'rum') & ('vieux')")
  assert.equal(tsqueryText(applySynonyms(['ti', 'punch'], groups, false)), "('ti' <-> 'punch' | 'rhum' | 'rum')")
  assert.equal(tsqueryText(applySynonyms(['cadeau'], groups, false)), "('cadeau' | 'coffret')")
  assert.equal(tsqueryText(applySynonyms(['coffret'], groups, false)), "('coffret')")
  assert.equal(tsqueryText(applySynonyms(['rhum', 'vie'], groups, true)), "('rhum' | 'ti' <-> 'punch' | 'rum') & ('vie':*)")
})

test('pins land on their slot, collide downwards and close a short list', () => {
  assert.deepEqual([...pinSlots([{ productId: 'a', position: 1 }, { productId: 'b', position: 1 }], 10)], [['a', 0], ['b', 1]])
  assert.deepEqual([...pinSlots([{ productId: 'a', position: 50 }], 3)], [['a', 2]])
  const slots = pinSlots([{ productId: 'P', position: 3 }], 6)
  const all = ['u1', 'u2', 'u3', 'u4', 'u5']
  assert.deepEqual(mergePage({ start: 0, perPage: 3, total: 6, slots, unpinned: all, windowStart: 0 }), ['u1', 'u2', 'P'])
  assert.deepEqual(mergePage({ start: 3, perPage: 3, total: 6, slots, unpinned: all.slice(2), windowStart: 2 }), ['u3', 'u4', 'u5'])
})
