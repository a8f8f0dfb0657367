import type { Ctx } from '../../kernel/ctx.ts'
// The invoicing module's generic PDF pieces (A4 document with an embedded font, a flowing writer).
import { createPdf, PAGE, PdfWriter, printCalendarDate, printInstantDate, printMoney, printRate } from '../invoicing/index.ts'
import { getPurchaseOrder } from './get-purchase-order.ts'

const COLS = [
  { label: 'Article', x: PAGE.left, w: 235, align: 'left' },
  { label: 'Quantité', x: 280, w: 45, align: 'right' },
  { label: 'Coût unit. HT', x: 330, w: 75, align: 'right' },
  { label: 'TVA', x: 410, w: 45, align: 'right' },
  { label: 'Total HT', x: 460, w: PAGE.right - 460, align: 'right' },
] as const

/** The purchase order as a PDF (French): parties, delivery, lines, totals per VAT rate; null when unknown. */
export async function renderPurchaseOrderPdf(ctx: Ctx, purchaseOrderId: string): Promise<Buffer | null> {
  const po = await getPurchaseOrder(ctx, purchaseOrderId)
  if (!po) return null
  const title = `Bon de commande ${po.number}`
  const pdf = createPdf({ title, author: 'Lakou', subject: `${title} — ${po.producer.name}`, createdAt: po.sentAt ?? po.createdAt, lang: 'fr-FR' }, (page, pages) => `${po.number} — page ${page}/${pages}`)
  const w = new PdfWriter(pdf)
  w.paragraph(title, { size: 16, bold: true }, 8)
  const sep = ' : '
  const header = [
    `Émis le${sep}${printInstantDate(po.sentAt ?? po.createdAt, 'America/Guadeloupe', 'fr')}`,
    `Fournisseur${sep}${po.producer.name} (${po.producer.code})`,
    `Livrer à${sep}${po.warehouse.name} (${po.warehouse.code})`,
    `Livraison souhaitée${sep}${po.expectedOn ? printCalendarDate(po.expectedOn, 'fr') : 'à convenir'}`,
    `Modèle${sep}${po.model === 'CONSIGNMENT' ? 'dépôt-vente (les articles restent la propriété du producteur jusqu’à leur vente)' : 'achat ferme'}`,
  ]
  for (const line of header) w.paragraph(line, {}, 2)
  if (po.note) w.paragraph(`Note${sep}${po.note}`, { color: '#333333' }, 2)
  w.y += 10
  const head = () => {
    const h = 14
    w.fill(PAGE.left - 2, w.y, PAGE.right - PAGE.left + 4, h, '#eeeeee')
    for (const c of COLS) w.at(c.label, c.x, w.y + 3, c.w, { size: 7.5, bold: true, align: c.align })
    w.y += h + 3
  }
  head()
  w.onNewPage = head
  for (const l of po.lines) {
    const [a, q, u, r, t] = COLS
    // the reference on its own line: a SKU never wraps at its hyphens
    const ref = `Réf. ${l.sku}`
    const h = w.measure(l.name, a.w) + w.measure(ref, a.w, { size: 7 }) + 6
    w.ensure(h)
    const nameH = w.at(l.name, a.x, w.y, a.w)
    w.at(String(l.quantityOrdered), q.x, w.y, q.w, { align: 'right' })
    w.at(printMoney(l.unitCost, 'fr'), u.x, w.y, u.w, { align: 'right' })
    w.at(printRate(l.vatRateBp, 'fr'), r.x, w.y, r.w, { align: 'right' })
    w.at(printMoney(l.net, 'fr'), t.x, w.y, t.w, { align: 'right' })
    w.at(ref, a.x, w.y + nameH + 1, a.w, { size: 7, color: '#555555' })
    w.y += h
    w.rule(w.y - 2, PAGE.left, PAGE.right, '#dddddd')
  }
  w.onNewPage = null
  w.y += 8
  const total = (label: string, cents: number, bold = false) => {
    w.ensure(14)
    w.at(label, 300, w.y, 150, { bold, align: 'right' })
    w.at(printMoney(cents, 'fr'), 460, w.y, PAGE.right - 460, { bold, align: 'right' })
    w.y += 13
  }
  total('Total HT', po.totals.net, true)
  for (const part of po.totals.byRate) total(`TVA ${printRate(part.rateBp, 'fr')} sur ${printMoney(part.net, 'fr')}`, part.vat)
  total('Total TTC', po.totals.gross, true)
  return pdf.finish()
}
