import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { issueCreditNote, issueInvoice, renderCreditNotePdf, renderInvoicePdf, type InvoiceDraft } from './index.ts'
import { printMoney } from './pdf-format.ts'
import { readPdfText } from './read-pdf-text.ts'
import { b2bDraft, draftLine, EXPORT_MENTION, exportDraft, guadeloupeDraft, IMPORT_VAT_NOTE, mainlandDraft, RUM, withTotals } from './test-drafts.ts'

// The invoice PDF read back as text: the mandatory mentions of a French invoice (CGI 242 nonies A,
// C. com. L441-9/L441-10) for the scenarios the shop sells in.

let database: Database
let ctx: Ctx
const eur = (cents: number) => printMoney(cents, 'fr').replace(/\u00a0/g, ' ')

async function pdfOf(draft: InvoiceDraft, locale?: 'fr' | 'en') {
  const r = await database.db.transaction().execute((trx) => issueInvoice({ ...ctx, db: trx }, draft))
  assert.ok(r.ok, JSON.stringify(r))
  const bytes = await renderInvoicePdf(ctx, r.invoiceId, locale)
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
  return { ...(await readPdfText(bytes)), number: r.number, invoiceId: r.invoiceId }
}

const has = (text: string, parts: string[]) => {
  for (const p of parts) assert.ok(text.includes(p), `missing «${p}» in:\n${text}`)
}

before(async () => {
  database = await testDatabase()
  ctx = systemCtx(database.db, 'test-invoice-pdf')
})
after(async () => {
  await database?.close()
})

test('mainland consumer: rum with its excise, coffee, shipping split over 20 % and 5.5 %', async () => {
  const d = mainlandDraft({ discount: { description: 'Code BIENVENUE', gross: 500 } })
  const { text, number, title } = await pdfOf(d)
  assert.equal(title, `Facture ${number}`)
  has(text, [
    `Facture N° ${number}`, "Date d'émission : 12/03/2026", 'Date de livraison des biens : 12/03/2026', `Commande : ${d.orderNumber}`,
    // seller
    'Lakou Démo', 'SAS au capital de 10 000,00 €', '97122 Baie-Mahault', 'Guadeloupe', 'SIREN 999 710 007', 'RCS Pointe-à-Pitre', 'N° TVA intracommunautaire : FR31999710007',
    // buyer and the other delivery address
    'Facturé à', 'Camille Martin', '12 rue des Acacias 75017 Paris France', 'Adresse de livraison', '3 allée des Tilleuls Bâtiment B 69003 Lyon',
    "Nature de l'opération : Livraison de biens",
    // lines: designation, quantity, unit price HT, rate, total HT
    'Désignation', 'Qté', 'PU HT', 'Total HT',
    `${RUM.description} 1 ${eur(2325)} 20 % ${eur(2325)}`,
    `Café de Guadeloupe en grains — 250 g 2 ${eur(1792)} 5,5 % ${eur(3583)}`,
    "dont droits d'accises : 4,52 €", 'dont cotisation sécurité sociale : 2,89 €', 'compris dans la base HT soumise à la TVA',
    `Frais de livraison — Colissimo domicile (part au taux de 20 %) 1 ${eur(193)} 20 % ${eur(193)}`,
    `Frais de livraison — Colissimo domicile (part au taux de 5,5 %) 1 ${eur(339)} 5,5 % ${eur(339)}`,
    'Remise accordée, déjà déduite des prix ci-dessus — Code BIENVENUE : 5,00 € TTC',
    // totals per rate and overall
    'Récapitulatif de la TVA', `20 % ${eur(d.vatByRate[0]!.net)} ${eur(d.vatByRate[0]!.vat)}`, `5,5 % ${eur(d.vatByRate[1]!.net)} ${eur(d.vatByRate[1]!.vat)}`,
    `Total HT ${eur(d.totalNet)}`, `Total TVA ${eur(d.totalVat)}`, `Total TTC ${eur(d.totalGross)}`,
    'Facture acquittée le 12/03/2026 — carte bancaire',
    `Facture ${number} — Page 1/1`,
  ])
  assert.equal(eur(d.totalGross), '71,60 €')
  assert.ok(!text.includes('recouvrement') && !text.includes('Pénalités'), 'penalties and the recovery indemnity are for business buyers')
})

test('Guadeloupe consumer: 8.5 % and 2.1 %, and the same address is not printed twice', async () => {
  const d = guadeloupeDraft({ deliveryAddress: guadeloupeDraft().buyer.address })
  const { text } = await pdfOf(d)
  has(text, ['8,5 %', '2,1 %', `8,5 % ${eur(1705)} ${eur(145)}`, `2,1 % ${eur(578)} ${eur(12)}`, 'Léa Jean-Baptiste', '97110 Pointe-à-Pitre Guadeloupe', `Total TTC ${eur(2440)}`])
  assert.ok(!text.includes('Adresse de livraison'))
})

test('export from Guadeloupe: VAT 0 with the legal exemption and the import-VAT note', async () => {
  const d = exportDraft()
  const { text } = await pdfOf(d)
  has(text, [EXPORT_MENTION, IMPORT_VAT_NOTE, '0 % (exonéré)', `Total TVA ${eur(0)}`, `Total TTC ${eur(d.totalNet)}`, "dont droits d'accises"])
})

test('business buyer: SIREN and VAT number, due date, penalties and the 40 € indemnity, bank details', async () => {
  const d = b2bDraft()
  const { text, number } = await pdfOf(d)
  has(text, [
    'Cave du Port SARL', 'SIREN 512 345 678', 'N° TVA intracommunautaire : FR83512345678',
    "Date d'échéance : 11/04/2026", 'Mode de paiement : virement bancaire',
    'Bénéficiaire : Lakou Démo SAS — IBAN FR76 9999 9000 0100 0000 1234 537 — BIC DEMOFRP1XXX', `Référence à indiquer : ${number}`,
    'Pénalités de retard : taux BCE + 10 points', 'Indemnité forfaitaire pour frais de recouvrement de 40 €', 'Escompte pour paiement anticipé : néant',
    `6 ${eur(2325)} 20 % ${eur(13950)}`, "dont droits d'accises : 27,12 €",
  ])
})

test('English invoice: English labels beside the French legal text', async () => {
  const { text } = await pdfOf(b2bDraft({ locale: 'en' }))
  has(text, [
    'Facture / Invoice N° / No.', 'Date d\'émission / Issue date: 12 March 2026', 'Date d\'échéance / Due date: 11 April 2026',
    "Nature de l'opération : Livraison de biens / Nature of the transaction: supply of goods",
    'Pénalités de retard : taux BCE + 10 points', 'Late payment penalties: ECB refinancing rate plus 10 percentage points',
    'Indemnité forfaitaire pour frais de recouvrement de 40 €', 'Fixed compensation for recovery costs of €40',
    'Total TTC / Total incl. VAT €167.40',
  ])
  // the same invoice printed in French on request
  const fr = await pdfOf(b2bDraft({ locale: 'en' }), 'fr')
  assert.ok(!fr.text.includes('Invoice'))
})

test('credit note: "Avoir", the invoice it corrects, the reason, negative amounts per rate', async () => {
  const d = mainlandDraft()
  const r = await database.db.transaction().execute((trx) => issueInvoice({ ...ctx, db: trx }, d))
  assert.ok(r.ok)
  const partial = await database.db.transaction().execute((trx) => issueCreditNote({ ...ctx, db: trx }, { invoiceId: r.invoiceId, reason: 'Bouteille arrivée cassée', lines: [{ sku: RUM.sku, quantity: 1 }], issuedAt: new Date('2026-03-20T14:00:00Z') }))
  assert.ok(partial.ok)
  const { text, title } = await readPdfText(await renderCreditNotePdf(ctx, partial.creditNoteId))
  assert.equal(title, `Avoir ${partial.number}`)
  has(text, [
    `Avoir N° ${partial.number}`, `Rectifie la facture ${r.number} du 12/03/2026`, 'Motif : Bouteille arrivée cassée', "Date d'émission : 20/03/2026",
    `${RUM.description} 1 ${eur(-2325)} 20 % ${eur(-2325)}`, "dont droits d'accises : -4,52 €", `Total TTC ${eur(-2790)}`, 'SIREN 999 710 007', 'Camille Martin',
  ])
  const rest = await database.db.transaction().execute((trx) => issueCreditNote({ ...ctx, db: trx }, { invoiceId: r.invoiceId, reason: 'Commande annulée', issuedAt: new Date('2026-03-21T14:00:00Z') }))
  assert.ok(rest.ok)
  has((await readPdfText(await renderCreditNotePdf(ctx, rest.creditNoteId))).text, [`Annule la facture ${r.number} du 12/03/2026`, `Total TTC ${eur(-(d.totalGross - 2790))}`])
})

test('a long invoice runs over several pages, each with the table header and its page number', async () => {
  const lines = Array.from({ length: 45 }, (_, i) => draftLine({ sku: `SKU-${i}`, description: `Article de démonstration ${i}`, unitGross: 1000 + i, quantity: 1, listBp: 550 }))
  const { pages, text } = await pdfOf(withTotals({ ...mainlandDraft(), shipping: null, lines }))
  assert.ok(pages.length >= 2, `${pages.length} pages`)
  pages.forEach((p, i) => {
    assert.ok(p.includes('Désignation'), `table header on page ${i + 1}`)
    assert.ok(p.includes(`Page ${i + 1}/${pages.length}`))
  })
  has(text, ['Article de démonstration 0 ', 'Article de démonstration 44 ', 'Total TTC'])
})
