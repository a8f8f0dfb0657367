import type { PickListView } from './get-pick-list.ts'
import { createPdf, drawTable, PdfWriter } from './pdf-table.ts'

/** The pick list on A4: one row per line in walking order, with a box to tick. */
export async function renderPickListPdf(list: PickListView): Promise<Buffer> {
  const title = `Liste de préparation ${list.number}`
  const pdf = createPdf({ title, author: 'Lakou', subject: `${title} — ${list.warehouseCode}`, createdAt: list.createdAt, lang: 'fr-FR' }, (page, pages) => `${title} — page ${page}/${pages}`)
  const w = new PdfWriter(pdf)
  w.paragraph(title, { size: 16, bold: true }, 4)
  w.paragraph(`Entrepôt ${list.warehouseCode} · ${list.lines.length} ligne(s) · ${new Set(list.lines.map((l) => l.orderId)).size} commande(s) · créée le ${list.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, { size: 9 }, 10)
  drawTable(
    w,
    [{ head: 'N°', width: 28 }, { head: 'Empl.', width: 52 }, { head: 'SKU', width: 88 }, { head: 'Article', width: 130 }, { head: 'Lot', width: 62 }, { head: 'DDM/DLC', width: 58 }, { head: 'Qté', width: 30, align: 'right' }, { head: 'Commande', width: 67 }],
    list.lines.map((l) => [String(l.sequence), l.location ?? '—', l.sku, l.name, l.lotCode, l.bestBefore ?? '—', String(l.quantity), l.orderNumber]),
  )
  return pdf.finish()
}
