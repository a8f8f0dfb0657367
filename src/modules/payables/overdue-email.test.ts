import { test } from 'node:test'
import assert from 'node:assert/strict'
import { renderEmail } from '../notifications/index.ts'

const data = {
  day: '2026-11-30', count: 3, totalLeft: 123456, scheduleUrl: 'https://lakou.example/admin/fournisseurs/echeancier',
  invoices: [{ producer: 'Distillerie <Anse>', invoiceNumber: 'ACS-12', dueOn: '2026-11-01', daysLate: 29, left: 100000 }, { producer: 'Caféière', invoiceNumber: 'CHN-3', dueOn: '2026-11-20', daysLate: 10, left: 23456 }],
}

test('overdue alert e-mail (fr): count, total left, each late invoice with its days, the schedule link; producer names escaped', () => {
  const mail = renderEmail('payables-overdue', 'fr', data)
  assert.equal(mail.subject, '3 factures fournisseur en retard de paiement — 2026-11-30')
  for (const part of [mail.text, mail.html]) {
    assert.match(part, /1[\s\u202f\u00a0]234,56/)
    assert.match(part, /ACS-12/)
    assert.match(part, /29/)
    assert.match(part, /et 1 autre\(s\)/, 'more late invoices than listed are announced')
    assert.match(part, /https:\/\/lakou\.example\/admin\/fournisseurs\/echeancier/)
  }
  assert.ok(!mail.html.includes('<Anse>') && mail.html.includes('&lt;Anse&gt;'))
})

test('overdue alert e-mail (en) and refused data', () => {
  assert.equal(renderEmail('payables-overdue', 'en', { ...data, count: 1, invoices: data.invoices.slice(0, 1) }).subject, '1 supplier invoice overdue — 2026-11-30')
  assert.throws(() => renderEmail('payables-overdue', 'fr', { ...data, invoices: [] }))
  assert.throws(() => renderEmail('payables-overdue', 'fr', { ...data, scheduleUrl: 'javascript:alert(1)' }))
})
