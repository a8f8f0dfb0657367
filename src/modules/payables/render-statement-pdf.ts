import type { Ctx } from '../../kernel/ctx.ts'
import { createPdf } from '../invoicing/index.ts'
import { getStatement, type StatementDetail } from './get-statements.ts'
import { COMMISSION_VAT_BP } from './issue-statements.ts'

const EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
// The Helvetica fallback font has no narrow no-break space: print a plain one.
const eur = (cents: number) => EUR.format(cents / 100).replace(/[\u202f\u00a0]/g, ' ')
const frDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
const pct = (bp: number) => `${(bp / 100).toLocaleString('fr-FR')} %`

/**
 * A consignment statement as a PDF (A4, French): totals, then every order line it settles. Null
 * when the statement does not exist. The producer portal calls it after its own ownership check.
 */
export async function renderStatementPdf(ctx: Ctx, statementId: string): Promise<Buffer | null> {
  const s = await getStatement(ctx, statementId)
  return s ? drawStatement(s, ctx.now) : null
}

function drawStatement(s: StatementDetail, now: Date): Promise<Buffer> {
  // the shared A4 document (embedded font when installed, bytes collected); no footer line
  const { doc, fonts, finish } = createPdf({ title: `Relevé de dépôt-vente ${s.number}`, author: 'Lakou', subject: `Relevé de dépôt-vente ${s.number}`, createdAt: now, lang: 'fr-FR' }, () => '')
  doc.font(fonts.bold).fontSize(16).text(`Relevé de dépôt-vente ${s.number}`)
  doc.moveDown(0.5).font(fonts.regular).fontSize(10)
  doc.text(`Déposant : ${s.producerName}`)
  doc.text(`Période : du ${frDay(s.periodStart)} au ${frDay(s.periodEnd)}`)
  doc.text(`Échéance du paiement : ${frDay(s.dueOn)}`)
  doc.moveDown()
  const totals: [string, string][] = [
    ['Unités vendues', String(s.units)],
    ['Ventes hors TVA', eur(s.salesNet)],
    [`Commission Lakou (${pct(s.commissionBp)} des ventes HT)`, `− ${eur(s.commissionNet)}`],
    [`TVA sur la commission (${pct(COMMISSION_VAT_BP)})`, `− ${eur(s.commissionVat)}`],
    ['Montant dû au déposant', eur(s.amountOwed)],
  ]
  for (const [label, value] of totals) {
    const y = doc.y
    doc.font(label.startsWith('Montant') ? fonts.bold : fonts.regular).text(label, 40, y, { width: 360 })
    doc.text(value, 400, y, { width: 155, align: 'right' })
  }
  doc.moveDown().font(fonts.regular).fontSize(8).fillColor('#444444')
    .text('Les articles remboursés par avoir dans le mois sont déduits (lignes en quantité négative, datées de l’avoir).', 40, doc.y, { width: 515 })
  doc.moveDown().fillColor('#000000').font(fonts.bold).fontSize(9)
  const cols = [40, 140, 250, 420, 470]
  const row = (cells: string[], bold = false) => {
    if (doc.y > 770) doc.addPage()
    const y = doc.y
    doc.font(bold ? fonts.bold : fonts.regular)
    cells.forEach((c, i) => doc.text(c, cols[i]!, y, { width: i === 4 ? 85 : (cols[i + 1] ?? 555) - cols[i]! - 5, align: i >= 3 ? 'right' : 'left' }))
    doc.moveDown(0.2)
  }
  row(['Date', 'Commande', 'Référence', 'Quantité', 'Montant HT'], true)
  for (const l of s.lines) row([frDay(l.soldOn), l.orderNumber, l.sku, String(l.quantity), eur(l.net)])
  return finish()
}
