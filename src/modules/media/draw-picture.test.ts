import { test } from 'node:test'
import assert from 'node:assert/strict'
import { drawProducerSvg, drawProductSvg, initials, silhouetteFor, wrapText } from './draw-picture.ts'

test('each category is drawn as its packaging', () => {
  const cases: [string, string][] = [
    ['rum/rhum_vieux', 'bottle'], ['rum/mignonnette', 'flask'], ['rum/coffret_degustation', 'box'], ['coffee/grains', 'bag'],
    ['spice/vanille', 'pods'], ['spice/colombo', 'jar'], ['flower/anthurium', 'bouquet'], ['plant/plante_en_pot', 'pot'],
    ['specialty/confiture', 'jar'], ['specialty/sirop', 'flask'], ['gift_box/coffret_composite', 'box'],
  ]
  for (const [code, shape] of cases) assert.equal(silhouetteFor(code), shape, code)
})

test('producer initials skip small words', () => {
  assert.equal(initials('Distillerie Anse-Cascade'), 'AC')
  assert.equal(initials('Caféière des Hauts-Nuages'), 'HN')
  assert.equal(initials('Lakou'), 'L')
})

test('long names wrap and are cut with an ellipsis', () => {
  const lines = wrapText('Rhum vieux brut de fût 7 ans 56,3 % vol., fût n° 112 — 50 cl et encore des mots', 46, 700, 2)
  assert.equal(lines.length, 2)
  assert.ok(lines[1]!.endsWith('…'))
})

test('two products of one category get different pictures, and names are escaped', () => {
  const a = drawProductSvg({ handle: 'a', name: 'Rhum <b> & « vieux »', categoryCode: 'rum/rhum_vieux', producerName: 'Distillerie Anse-Cascade' })
  const b = drawProductSvg({ handle: 'b', name: 'Rhum <b> & « vieux »', categoryCode: 'rum/rhum_vieux', producerName: 'Distillerie Anse-Cascade' })
  assert.notEqual(a, b)
  assert.ok(a.includes('Rhum &lt;b&gt; &amp; « vieux »'))
  assert.ok(!a.includes('<b>'))
  assert.equal(a, drawProductSvg({ handle: 'a', name: 'Rhum <b> & « vieux »', categoryCode: 'rum/rhum_vieux', producerName: 'Distillerie Anse-Cascade' }), 'deterministic')
  const p = drawProducerSvg({ slug: 'x', name: "Épices Man Ténia", commune: 'Sainte-Rose', categoryCode: 'spice/colombo' })
  assert.match(p, /viewBox="0 0 900 600"/)
  assert.ok(p.includes('>MT<'))
})
