import { PAGE } from './pdf-document.ts'
import { printMoney, printRate, type PrintLocale } from './pdf-format.ts'
import { label } from './pdf-labels.ts'
import type { PdfWriter } from './pdf-writer.ts'
import type { PrintableDocument } from './printable.ts'

/**
 * The lines table and the totals (CGI 242 nonies A): per line the designation, quantity, unit
 * price HT, VAT rate and total HT; the excise and social-security contribution of an alcohol
 * line shown as "dont" amounts, part of the VAT base (DOMAIN §2.2); shipping per VAT rate it
 * follows (CGI 267); the discount granted; total HT and VAT per rate; totals HT, VAT, TTC.
 */
const COLS = [
  { key: 'colDescription', x: PAGE.left, w: 235, align: 'left' },
  { key: 'colQuantity', x: 275, w: 40, align: 'right' },
  { key: 'colUnitNet', x: 320, w: 80, align: 'right' },
  { key: 'colRate', x: 405, w: 50, align: 'right' },
  { key: 'colNet', x: 460, w: PAGE.right - 460, align: 'right' },
] as const

type Row = { description: string; notes: string[]; quantity: number; unitNet: number; rateBp: number; net: number }

function tableHeader(w: PdfWriter, locale: PrintLocale): void {
  const style = { size: 7.5, bold: true }
  const h = Math.max(...COLS.map((c) => w.measure(label(c.key, locale), c.w, style))) + 6
  w.fill(PAGE.left - 2, w.y, PAGE.right - PAGE.left + 4, h, '#eeeeee')
  for (const c of COLS) w.at(label(c.key, locale), c.x, w.y + 3, c.w, { ...style, align: c.align })
  w.y += h + 3
}

function tableRow(w: PdfWriter, r: Row, locale: PrintLocale): void {
  const [desc, qty, unit, rate, total] = COLS
  const noteStyle = { size: 7, color: '#555555' }
  const h = w.measure(r.description, desc.w) + r.notes.reduce((a, n) => a + w.measure(n, desc.w, noteStyle) + 1, 0) + 5
  w.ensure(h)
  // Written in reading order (designation, figures, then its notes) for text extraction and screen readers.
  let cy = w.y + w.at(r.description, desc.x, w.y, desc.w) + 1
  w.at(String(r.quantity), qty.x, w.y, qty.w, { align: 'right' })
  w.at(printMoney(r.unitNet, locale), unit.x, w.y, unit.w, { align: 'right' })
  w.at(printRate(r.rateBp, locale), rate.x, w.y, rate.w, { align: 'right' })
  w.at(printMoney(r.net, locale), total.x, w.y, total.w, { align: 'right' })
  for (const n of r.notes) cy += w.at(n, desc.x, cy, desc.w, noteStyle) + 1
  w.y += h
  w.rule(w.y - 2, PAGE.left, PAGE.right, '#dddddd')
}

export function drawLines(w: PdfWriter, p: PrintableDocument, locale: PrintLocale): void {
  const sep = locale === 'fr' ? ' : ' : ': '
  tableHeader(w, locale)
  w.onNewPage = () => tableHeader(w, locale)
  for (const l of p.lines) {
    const duties = [
      ...(l.excise ? [`${label('excise', locale)}${sep}${printMoney(l.excise, locale)}`] : []),
      ...(l.css ? [`${label('css', locale)}${sep}${printMoney(l.css, locale)}`] : []),
    ]
    const notes = [`${label('reference', locale)} ${l.sku}`, ...(duties.length ? [`${duties.join(' · ')} (${label('inVatBase', locale)})`] : [])]
    tableRow(w, { description: l.description, notes, quantity: l.quantity, unitNet: l.unitNet, rateBp: l.vatRateBp, net: l.net }, locale)
  }
  for (const part of p.shipping?.parts ?? []) {
    const share = p.shipping!.parts.length > 1 ? ` (${label('shippingShare', locale)} ${printRate(part.rateBp, locale)})` : ''
    tableRow(w, { description: `${label('shipping', locale)} — ${p.shipping!.description}${share}`, notes: [], quantity: 1, unitNet: part.net, rateBp: part.rateBp, net: part.net }, locale)
  }
  w.onNewPage = null
  if (p.discount) w.paragraph(`${label('discount', locale)} — ${p.discount.description}${sep}${printMoney(p.discount.gross, locale)} TTC`, { size: 8, color: '#333333' })
  w.y += 8
}

export function drawTotals(w: PdfWriter, p: PrintableDocument, locale: PrintLocale): void {
  const cols = [{ x: PAGE.left, w: 95 }, { x: PAGE.left + 95, w: 80 }, { x: PAGE.left + 175, w: 80 }]
  const row = (cells: string[], y: number, size: number, bold: boolean): number => {
    const h = Math.max(...cells.map((t, i) => w.measure(t, cols[i]!.w, { size, bold })))
    cells.forEach((t, i) => w.at(t, cols[i]!.x, y, cols[i]!.w, { size, bold, align: i === 0 ? 'left' : 'right' }))
    return h + 3
  }
  const rates = p.vatByRate.map((r) => [
    r.rateBp === 0 ? `${printRate(0, locale)} (${label('exempt', locale)})` : printRate(r.rateBp, locale),
    printMoney(r.net, locale),
    printMoney(r.vat, locale),
  ])
  w.ensure((rates.length + 3) * 14 + 30)
  const top = w.y
  // Left: total HT and VAT per rate (what the VAT return declares per rate).
  let y = top + w.at(label('vatSummary', locale), PAGE.left, top, 255, { size: 8, bold: true }) + 4
  y += row((['rate', 'base', 'vat'] as const).map((k) => label(k, locale)), y, 7.5, true)
  for (const cells of rates) y += row(cells, y, 8, false)
  // Right: the three totals, TTC last and bold.
  let ry = top
  const totals = [['totalNet', p.totalNet], ['totalVat', p.totalVat], ['totalGross', p.totalGross]] as const
  for (const [k, v] of totals) {
    const bold = k === 'totalGross'
    const size = bold ? 10 : 9
    if (bold) w.rule(ry - 2, 315, PAGE.right, '#333333')
    const h = w.at(label(k, locale), 315, ry, 150, { size, bold })
    w.at(printMoney(v, locale), 465, ry, PAGE.right - 465, { size, bold, align: 'right' })
    ry += h + (bold ? 4 : 3)
  }
  w.y = Math.max(y, ry) + 10
}
