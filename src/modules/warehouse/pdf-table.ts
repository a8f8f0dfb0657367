// The invoicing module's pdfkit document and writer (A4, DejaVu with a Helvetica fallback) are
// reused for warehouse papers rather than a second PDF stack.
import { createPdf, PAGE, PdfWriter, type Pdf } from '../invoicing/index.ts'

export { createPdf, PAGE, PdfWriter, type Pdf }

export type PdfColumn = { head: string; width: number; align?: 'left' | 'right' }

/** A table with a bold header row repeated on each new page; rows grow to their tallest cell. */
export function drawTable(w: PdfWriter, columns: PdfColumn[], rows: string[][], size = 8.5): void {
  const header = () => {
    let x = PAGE.left
    for (const c of columns) {
      w.at(c.head, x, w.y, c.width - 4, { bold: true, size, align: c.align ?? 'left' })
      x += c.width
    }
    w.y += w.measure('X', 100, { bold: true, size }) + 3
    w.rule(w.y - 1)
  }
  w.ensure(40)
  header()
  w.onNewPage = header
  for (const row of rows) {
    const h = Math.max(...row.map((cell, i) => w.measure(cell, columns[i]!.width - 4, { size })))
    w.ensure(h + 4)
    let x = PAGE.left
    row.forEach((cell, i) => {
      w.at(cell, x, w.y, columns[i]!.width - 4, { size, align: columns[i]!.align ?? 'left' })
      x += columns[i]!.width
    })
    w.y += h + 4
  }
  w.onNewPage = null
  w.y += 6
}
