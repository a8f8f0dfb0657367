import { test } from 'node:test'
import assert from 'node:assert/strict'
import { renderEmail, TEMPLATES, type TemplateData, type TemplateName } from './index.ts'

const confirmation: TemplateData['order-confirmation'] = {
  orderNumber: 'LK-2026-000123',
  orderUrl: 'https://lakou.example/fr/commandes/ord_1?t=abc',
  customerName: 'Léa <Martin>',
  placedAt: '2026-06-19T12:03:00Z',
  lines: [{ name: 'Rhum blanc agricole 50 % vol. — 1 L', quantity: 2, lineGross: 5580 }, { name: 'Café Bonifieur 250 g', quantity: 1, lineGross: 1290 }],
  goodsGross: 6870, discountGross: 500, shippingGross: 990, totalGross: 7360,
  vatByRate: [{ rateBp: 2000, vat: 1003 }, { rateBp: 550, vat: 67 }],
  shippingMethod: 'Colissimo', deliveryPromise: 'entre le 23 et le 25 juin',
  shipTo: { name: 'Léa Martin', line1: '3 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
  payment: { method: 'bank_transfer', status: 'awaiting_transfer', transfer: { iban: 'FR76 3000 4000 0500 0012 3456 789', bic: 'BNPAFRPP', beneficiary: 'Lakou SAS', reference: 'LK-2026-000123' } },
  withdrawalUrl: 'https://lakou.example/fr/commandes/ord_1/retractation?t=abc', alcohol: true,
}

// Samples of the shopper-facing order and account e-mails; the supply e-mails (purchase orders,
// returns, shipments, payables, applications) are rendered in their own modules' tests.
const samples: { [K in TemplateName]?: TemplateData[K] } = {
  'order-confirmation': confirmation,
  'order-paid': { orderNumber: 'LK-2026-000123', orderUrl: 'https://lakou.example/o/1', totalGross: 7360 },
  'order-cancelled': { orderNumber: 'LK-2026-000123', orderUrl: 'https://lakou.example/o/1', reason: 'payment_failed', refundGross: null },
  'withdrawal-acknowledgement': { orderNumber: 'LK-2026-000123', receivedAt: '2026-06-19T12:03:00Z', items: [{ name: 'Café Bonifieur 250 g', quantity: 1 }], orderUrl: 'https://lakou.example/o/1' },
  'password-reset': { resetUrl: 'https://lakou.example/fr/compte/reinitialiser?token=abc', expiresInMinutes: 60 },
  welcome: { firstName: 'Léa', accountUrl: 'https://lakou.example/fr/compte' },
}

// [template, locale, data change, subject, texts expected in BOTH parts]
const cases: [TemplateName, 'fr' | 'en', object, string, string[]][] = [
  ['order-confirmation', 'fr', {}, 'Votre commande LK-2026-000123 chez Lakou', ['55,80', 'Remise', '-5,00', 'Total TTC', '73,60', 'dont TVA 20', '10,03', 'dont TVA 5,5', 'FR76 3000 4000 0500 0012 3456 789', 'BNPAFRPP', 'Renoncer au contrat ici', "L'abus d'alcool est dangereux pour la santé, à consommer avec modération.", '19 juin 2026 à 14:03 UTC+2', 'France']],
  ['order-confirmation', 'en', {}, 'Your Lakou order LK-2026-000123', ['€55.80', 'Total incl. VAT', 'of which VAT 20%', 'Withdraw from the contract here', "L'abus d'alcool est dangereux pour la santé", '19 June 2026']],
  ['order-confirmation', 'fr', { payment: { method: 'card', status: 'paid' }, withdrawalUrl: null, alcohol: false, discountGross: 0 }, 'Votre commande LK-2026-000123 chez Lakou', ['Paiement par carte reçu.', 'exclus du droit de rétractation']],
  ['order-cancelled', 'fr', {}, 'Commande LK-2026-000123 annulée', ["le paiement n'a pas abouti"]],
  ['order-cancelled', 'en', { reason: 'customer', refundGross: 2790 }, 'Order LK-2026-000123 cancelled', ['as you asked', 'A refund of €27.90']],
  ['order-paid', 'fr', {}, 'Paiement reçu pour la commande LK-2026-000123', ['73,60 €']],
  ['withdrawal-acknowledgement', 'fr', {}, 'Accusé de réception de votre rétractation — commande LK-2026-000123', ['Accusé de réception', '19 juin 2026 à 14:03 UTC+2', 'Café Bonifieur 250 g × 1', 'L221-21']],
  ['withdrawal-acknowledgement', 'en', { timeZone: 'America/Guadeloupe' }, 'Acknowledgement of your withdrawal — order LK-2026-000123', ['19 June 2026 at 08:03 GMT-4', 'durable medium']],
  ['password-reset', 'fr', {}, 'Réinitialisation de votre mot de passe Lakou', ['pendant 60 minutes', 'https://lakou.example/fr/compte/reinitialiser?token=abc']],
  ['welcome', 'en', {}, 'Welcome to Lakou, Léa', ['Welcome to Lakou, Léa', 'https://lakou.example/fr/compte']],
]

for (const [name, locale, change, subject, expected] of cases) {
  test(`e-mail ${name} (${locale}) ${Object.keys(change).join(', ')}`, () => {
    const mail = renderEmail(name, locale, { ...samples[name]!, ...change })
    const textish = mail.html.replace(/&nbsp;/g, ' ').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    assert.equal(mail.subject, subject)
    for (const e of expected) {
      const re = new RegExp(e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0\\u202f]'))
      assert.match(mail.text, re, `text part of ${name} has ${e}`)
      assert.match(textish, re, `html part of ${name} has ${e}`)
    }
    assert.match(mail.html, new RegExp(`^<!doctype html><html lang="${locale}">`))
  })
}

test('e-mail: customer text is escaped in HTML, links keep their URL', () => {
  const mail = renderEmail('order-confirmation', 'fr', confirmation)
  assert.ok(!mail.html.includes('<Martin>'))
  assert.match(mail.html, /Léa &lt;Martin&gt;/)
  assert.match(mail.html, /<a href="https:\/\/lakou\.example\/fr\/commandes\/ord_1\?t=abc"/)
  assert.match(mail.html, /<th scope="col"/)
})

test('e-mail: without alcohol no health message; data not fitting the template is refused', () => {
  assert.doesNotMatch(renderEmail('order-confirmation', 'fr', { ...confirmation, alcohol: false }).text, /abus d'alcool/)
  assert.throws(() => renderEmail('order-paid', 'fr', { orderNumber: 'X', orderUrl: 'javascript:alert(1)', totalGross: 1 }))
  assert.throws(() => renderEmail('order-paid', 'fr', { orderNumber: 'X', orderUrl: 'https://x.example', totalGross: 1.5 }))
  assert.deepEqual(Object.keys(TEMPLATES).sort(), [
    'order-cancelled', 'order-confirmation', 'order-line-cancelled', 'order-paid', 'order-shipped', 'password-reset', 'payables-overdue',
    'producer-application-received', 'purchase-order-sent', 'return-approved', 'return-refunded', 'return-rejected', 'return-requested',
    'welcome', 'withdrawal-acknowledgement',
  ])
})
