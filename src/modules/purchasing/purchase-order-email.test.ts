import { test } from 'node:test'
import assert from 'node:assert/strict'
import { renderEmail, type TemplateData } from '../notifications/index.ts'
import { purchaseTotals } from './totals.ts'

const data: TemplateData['purchase-order-sent'] = {
  purchaseOrderNumber: 'BC-001042', producerName: 'Caféière <des Hauts>', warehouseName: 'Entrepôt de Jarry', consignment: false, expectedOn: '2026-12-15',
  lines: [{ sku: 'CHN-CAF-GR-250', name: 'Café en grains 250 g', quantity: 12, unitCost: 420 }], totalNet: 5040, portalUrl: 'https://lakou.example/portail/commandes/pur_1',
}

test('purchase-order-sent (fr): number, lines, expected date, total and the portal link, in both parts; names escaped', () => {
  const m = renderEmail('purchase-order-sent', 'fr', data)
  assert.equal(m.subject, 'Bon de commande BC-001042 de Lakou')
  for (const part of [m.text, m.html]) {
    for (const s of ['CHN-CAF-GR-250', 'Café en grains 250 g', '12', '4,20', '50,40', '15 décembre 2026', 'Entrepôt de Jarry', 'https://lakou.example/portail/commandes/pur_1']) assert.ok(part.includes(s), `${s} in ${part.slice(0, 300)}`)
  }
  assert.ok(m.html.includes('Caféière &lt;des Hauts&gt;'))
  assert.ok(!m.html.includes('<des Hauts>'))
})

test('purchase-order-sent: consignment says so and shows no total; no date says "à convenir"; en exists', () => {
  const m = renderEmail('purchase-order-sent', 'fr', { ...data, consignment: true, expectedOn: null })
  assert.ok(m.text.includes('Dépôt-vente'))
  assert.ok(m.text.includes('à convenir'))
  assert.ok(!m.text.includes('Total HT'))
  assert.match(renderEmail('purchase-order-sent', 'en', data).subject, /Purchase order BC-001042/)
  assert.throws(() => renderEmail('purchase-order-sent', 'fr', { ...data, lines: [] }))
})

test('purchase totals: VAT once per rate with the one rounding rule, gross = net + VAT', () => {
  const t = purchaseTotals([{ quantity: 3, unitCost: 333, vatRateBp: 850 }, { quantity: 1, unitCost: 1, vatRateBp: 850 }, { quantity: 2, unitCost: 1000, vatRateBp: 210 }])
  assert.deepEqual(t.byRate, [{ rateBp: 210, net: 2000, vat: 42 }, { rateBp: 850, net: 1000, vat: 85 }])
  assert.equal(t.gross, 3127)
  assert.deepEqual(purchaseTotals([]), { net: 0, vat: 0, gross: 0, byRate: [] })
})
