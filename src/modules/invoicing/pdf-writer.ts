import { PAGE, type Pdf } from './pdf-document.ts'

/**
 * A top-to-bottom cursor over a pdfkit document: measures before it writes, and opens a new
 * page (calling `onNewPage`, e.g. to repeat a table header) when a block would cross the bottom.
 */
export type TextStyle = { size?: number; bold?: boolean; color?: string; align?: 'left' | 'right' | 'center' }

export class PdfWriter {
  y: number = PAGE.top
  onNewPage: (() => void) | null = null
  private readonly pdf: Pdf

  constructor(pdf: Pdf) {
    this.pdf = pdf
  }

  private style(s: TextStyle): void {
    this.pdf.doc.font(s.bold ? this.pdf.fonts.bold : this.pdf.fonts.regular).fontSize(s.size ?? 9).fillColor(s.color ?? '#111111')
  }

  /** Height of `text` wrapped in `width` with that style. */
  measure(text: string, width: number, s: TextStyle = {}): number {
    this.style(s)
    return this.pdf.doc.heightOfString(text, { width, align: s.align ?? 'left' })
  }

  /** Writes at (x, y) without moving the cursor; returns the height used. */
  at(text: string, x: number, y: number, width: number, s: TextStyle = {}): number {
    const h = this.measure(text, width, s)
    this.style(s)
    this.pdf.doc.text(text, x, y, { width, align: s.align ?? 'left' })
    return h
  }

  /** Makes room for `height`, on a new page when this one is full. */
  ensure(height: number): void {
    if (this.y + height <= PAGE.bottom) return
    this.pdf.doc.addPage()
    this.y = PAGE.top
    this.onNewPage?.()
  }

  /** A paragraph across the page (or `width` from `x`), then moves below it. */
  paragraph(text: string, s: TextStyle = {}, gap = 3, x: number = PAGE.left, width: number = PAGE.right - PAGE.left): void {
    const h = this.measure(text, width, s)
    this.ensure(h)
    this.at(text, x, this.y, width, s)
    this.y += h + gap
  }

  /** A stack of lines in a column from (x, y); returns the y below it. */
  column(lines: { text: string; style?: TextStyle }[], x: number, y: number, width: number): number {
    let cy = y
    for (const l of lines) cy += this.at(l.text, x, cy, width, l.style) + 1
    return cy
  }

  fill(x: number, y: number, w: number, h: number, color: string): void {
    this.pdf.doc.save().rect(x, y, w, h).fill(color).restore()
  }

  rule(y: number, x1: number = PAGE.left, x2: number = PAGE.right, color = '#999999'): void {
    this.pdf.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(color).stroke().restore()
  }
}
