import assert from 'node:assert/strict'
import { test } from 'node:test'
import { renderEmail } from '../notifications/templates/index.ts'

const base = { returnNumber: 'RT-001042', orderNumber: '100123', orderUrl: 'https://lakou.example/fr/commandes/ord_1?t=abc' }
const items = [{ name: 'Café Bonifieur 250 g', quantity: 2 }]
const hub = { name: 'Hub Île-de-France près d’Orly', postalCode: '91320', commune: 'Wissous', territory: 'FR-MAINLAND' }

test('return e-mails say the return number, in French and English, in both parts', () => {
  const cases: [Parameters<typeof renderEmail>[0], 'fr' | 'en', object, string, string[]][] = [
    ['return-requested', 'fr', { ...base, items }, 'Demande de retour RT-001042 reçue — commande 100123', ['Café Bonifieur 250 g × 2', 'N\'envoyez rien avant sa réponse']],
    ['return-requested', 'en', { ...base, items }, 'Return request RT-001042 received — order 100123', ['Café Bonifieur 250 g × 2']],
    ['return-approved', 'fr', { ...base, items, warehouses: [hub] }, 'Retour RT-001042 accepté — commande 100123', ['numéro de retour RT-001042 sur le colis', 'Hub Île-de-France', '91320 Wissous (France)']],
    ['return-approved', 'en', { ...base, items, warehouses: [{ ...hub, territory: 'GP', name: 'Entrepôt Jarry', postalCode: '97122', commune: 'Baie-Mahault' }] }, 'Return RT-001042 accepted — order 100123', ['Write the return number RT-001042', '97122 Baie-Mahault (Guadeloupe)']],
    ['return-rejected', 'fr', { ...base, note: 'Le sachet a été ouvert.' }, 'Retour RT-001042 refusé — commande 100123', ['Le sachet a été ouvert.']],
    ['return-refunded', 'en', { ...base, amount: 2580, creditNoteNumber: 'A-2026-000007' }, 'Return RT-001042 refunded — order 100123', ['€25.80', 'A-2026-000007']],
    ['return-refunded', 'fr', { ...base, amount: 2580, creditNoteNumber: 'A-2026-000007' }, 'Retour RT-001042 remboursé — commande 100123', ['25,80', 'A-2026-000007']],
  ]
  for (const [name, locale, data, subject, texts] of cases) {
    const mail = renderEmail(name, locale, data)
    assert.equal(mail.subject, subject)
    for (const s of texts) {
      assert.ok(mail.text.includes(s), `${name}/${locale} text has ${s}`)
      assert.ok(mail.html.replace(/&#39;/g, "'").includes(s), `${name}/${locale} html has ${s}`)
    }
  }
})

test('return e-mails refuse data that would mislead the shopper', () => {
  assert.throws(() => renderEmail('return-approved', 'fr', { ...base, items, warehouses: [] }), 'no return address')
  assert.throws(() => renderEmail('return-requested', 'fr', { ...base, returnNumber: '1042', items }), 'a number that is not a return number')
  assert.throws(() => renderEmail('return-refunded', 'fr', { ...base, amount: 0, creditNoteNumber: 'A-1' }), 'nothing refunded')
})
