import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoCompanyProfile } from '../../seed/load-company-profile.ts'
import { layoutInvoicePdf } from './invoice-pdf-layout.ts'
import { printableInvoice } from './printable.ts'
import { readPdfText } from './read-pdf-text.ts'
import { mainlandDraft } from './test-drafts.ts'
import type { InvoiceView } from './types.ts'

// The layout alone (no database): fonts, and the same snapshot printing the same text.

const draft = mainlandDraft()
const view: InvoiceView = {
  id: 'inv_LAYOUT', number: 'F-2026-000042', orderId: draft.orderId, orderNumber: draft.orderNumber, issuedAt: draft.issuedAt, currency: 'EUR',
  totalNet: draft.totalNet, totalVat: draft.totalVat, totalGross: draft.totalGross, draft, seller: demoCompanyProfile(),
}

test('DejaVu Sans is embedded when installed (CI installs fonts-dejavu-core)', async () => {
  const pdf = await layoutInvoicePdf(printableInvoice(view), 'fr')
  // font dictionaries are not compressed: the subset font's name is readable
  assert.ok(pdf.includes('DejaVuSans'), 'DejaVu embedded')
  const { text } = await readPdfText(pdf)
  assert.ok(text.includes('Total TTC 71,60 €') && text.includes('Récapitulatif'))
})

test('without DejaVu, Helvetica still prints € and French accents', async () => {
  const pdf = await layoutInvoicePdf(printableInvoice(view), 'fr', { fontDir: '/nonexistent' })
  assert.ok(!pdf.includes('DejaVuSans') && pdf.includes('Helvetica'))
  const { text } = await readPdfText(pdf)
  for (const s of ['Total TTC 71,60 €', "Date d'émission : 12/03/2026", 'Lakou Démo', 'Facturé à', "dont droits d'accises : 4,52 €", 'Réf. ACS-RHB50-100']) {
    assert.ok(text.includes(s), `missing «${s}»`)
  }
})

test('the same invoice prints the same text every time, whatever the clock', async () => {
  const a = await readPdfText(await layoutInvoicePdf(printableInvoice(view), 'en'))
  const b = await readPdfText(await layoutInvoicePdf(printableInvoice(structuredClone(view)), 'en'))
  assert.deepEqual(a, b)
  assert.equal(a.title, 'Facture / Invoice F-2026-000042')
})
