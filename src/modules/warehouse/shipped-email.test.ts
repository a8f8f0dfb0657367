import assert from 'node:assert/strict'
import { test } from 'node:test'
import { renderEmail } from '../notifications/templates/index.ts'

const data = {
  orderNumber: 'LK-2026-000123', orderUrl: 'https://lakou.example/fr/commandes/ord_1?t=abc', shipmentNumber: 'EX-001001', carrier: 'Colissimo',
  trackingNumber: '6A12345678901', trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901', parcelCount: 2,
  shipped: [{ name: 'Café Bonifieur 250 g', quantity: 2 }], later: [{ name: 'Rhum blanc <50°>', quantity: 1 }],
}

test('the shipped e-mail gives the carrier, the tracking link, the parcel contents and what follows (fr and en, text and HTML)', () => {
  const fr = renderEmail('order-shipped', 'fr', data)
  assert.equal(fr.subject, 'Votre commande LK-2026-000123 est expédiée')
  for (const part of [fr.text, fr.html]) {
    assert.ok(part.includes('Colissimo (2 colis)'))
    assert.ok(part.includes('6A12345678901'))
    assert.ok(part.includes('Ces articles suivront dans un prochain colis'))
  }
  assert.ok(fr.html.includes('href="https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901"'))
  assert.ok(fr.html.includes('Rhum blanc &lt;50°&gt; × 1'), 'names are escaped')
  const en = renderEmail('order-shipped', 'en', { ...data, later: [], parcelCount: 1 })
  assert.equal(en.subject, 'Your order LK-2026-000123 has shipped')
  assert.ok(en.text.includes('Track my parcel'))
  assert.ok(!en.text.includes('follow in another parcel'), 'a complete shipment announces nothing more')
})

test('the cancelled-units e-mail names the units and the refund; bad data is refused', () => {
  const fr = renderEmail('order-line-cancelled', 'fr', { orderNumber: 'LK-1', orderUrl: 'https://lakou.example/o/1', items: [{ name: 'Café', quantity: 1 }], refundGross: 1290 })
  assert.ok(fr.text.includes('Café × 1'))
  assert.ok(fr.text.includes('12,90'))
  assert.throws(() => renderEmail('order-shipped', 'fr', { ...data, trackingUrl: 'javascript:alert(1)' }))
  assert.throws(() => renderEmail('order-shipped', 'fr', { ...data, shipped: [] }))
})
