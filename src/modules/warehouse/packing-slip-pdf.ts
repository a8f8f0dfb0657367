import type { ShipmentView } from './get-shipment.ts'
import { CARRIERS, isCarrier } from './carriers.ts'
import { createPdf, drawTable, PAGE, PdfWriter } from './pdf-table.ts'

/** The health message every alcohol sale carries (C. santé publique L3323-4). */
export const ALCOHOL_MESSAGE = 'L’abus d’alcool est dangereux pour la santé, à consommer avec modération.'

const addressLines = (a: ShipmentView['shipTo']) => [a.name, a.line1, a.line2 ?? '', `${a.postalCode} ${a.city}`, a.country, a.phone ? `Tél. ${a.phone}` : ''].filter(Boolean)

/**
 * Page 1, the packing slip that goes in the parcel: order and shipment numbers, ship-to, lines
 * with lot and best-before (no prices), parcel count, the alcohol health message when bottles
 * travel. Page 2, the parcel label data: carrier, service, weight, from and to, numbers.
 */
export async function renderPackingSlipPdf(s: ShipmentView): Promise<Buffer> {
  const title = `Bordereau ${s.number}`
  const pdf = createPdf({ title, author: 'Lakou', subject: `${title} — commande ${s.orderNumber}`, createdAt: s.packedAt ?? new Date(0), lang: 'fr-FR' }, (page, pages) => `${title} — commande ${s.orderNumber} — page ${page}/${pages}`)
  const w = new PdfWriter(pdf)
  w.paragraph('Bordereau de livraison', { size: 16, bold: true }, 4)
  w.paragraph(`Commande ${s.orderNumber} · expédition ${s.number} · ${s.parcelCount} colis`, { size: 10 }, 10)
  w.paragraph('Livré à', { bold: true, size: 10 }, 2)
  for (const l of addressLines(s.shipTo)) w.paragraph(l, { size: 10 }, 1)
  w.y += 10
  drawTable(
    w,
    [{ head: 'SKU', width: 105 }, { head: 'Article', width: 220 }, { head: 'Lot', width: 80 }, { head: 'DDM/DLC', width: 70 }, { head: 'Qté', width: 40, align: 'right' }],
    s.lines.map((l) => [l.sku, l.name, l.lotCode, l.bestBefore ?? '—', String(l.quantity)]),
    9,
  )
  w.paragraph(`${s.lines.reduce((a, l) => a + l.quantity, 0)} article(s) en ${s.parcelCount} colis.`, { size: 10 }, 8)
  if (s.lines.some((l) => l.bottle)) w.paragraph(ALCOHOL_MESSAGE, { size: 11, bold: true }, 6)

  pdf.doc.addPage()
  w.y = PAGE.top
  w.paragraph('Étiquette colis — données transporteur', { size: 16, bold: true }, 10)
  const carrier = s.carrier && isCarrier(s.carrier) ? CARRIERS[s.carrier].label : 'à choisir à l’expédition'
  const rows: [string, string][] = [
    ['Transporteur', carrier], ['Service', s.shippingMethod], ['Numéro de suivi', s.trackingNumber ?? '—'],
    ['Poids', s.weightG ? `${(s.weightG / 1000).toFixed(2).replace('.', ',')} kg` : '—'], ['Colis', String(s.parcelCount)],
    ['Commande', s.orderNumber], ['Expédition', s.number],
  ]
  for (const [k, v] of rows) w.paragraph(`${k} : ${v}`, { size: 11 }, 2)
  w.y += 10
  w.paragraph('Expéditeur', { bold: true, size: 11 }, 2)
  w.paragraph(`Lakou — ${s.warehouse.name}`, { size: 11 }, 1)
  w.paragraph(`${s.warehouse.postalCode} ${s.warehouse.commune}`, { size: 11 }, 8)
  w.paragraph('Destinataire', { bold: true, size: 11 }, 2)
  for (const l of addressLines(s.shipTo)) w.paragraph(l, { size: 13 }, 1)
  return pdf.finish()
}
