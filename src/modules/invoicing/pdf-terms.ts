import { printCalendarDate, printIban, printInstantDate, type PrintLocale } from './pdf-format.ts'
import { keyValue } from './pdf-header.ts'
import { label, paragraphs } from './pdf-labels.ts'
import type { PdfWriter } from './pdf-writer.ts'
import type { PrintableDocument } from './printable.ts'

/**
 * Payment and legal terms under the totals:
 * - paid: the payment date; due: the due date as a calendar date and, for a transfer, the
 *   account to pay with the exact holder name (Verification of Payee, Reg. (EU) 2024/886);
 * - business buyers (C. com. L441-10, D441-5): late penalties at the ECB rate + 10 points, the
 *   40 € recovery indemnity, and the early-payment discount terms (none);
 * - the mentions the order flow passed (exemption reference, import-VAT note), as given.
 */
export function drawTerms(w: PdfWriter, p: PrintableDocument, locale: PrintLocale): void {
  const pay = p.payment
  if (pay) {
    const method = label(pay.method === 'card' ? 'card' : 'bankTransfer', locale)
    if (pay.status === 'paid' && pay.paidAt) {
      w.paragraph(`${label('paidOn', locale)} ${printInstantDate(pay.paidAt, p.seller.timeZone, locale)} — ${method}`, { bold: true })
    } else {
      w.paragraph(keyValue('dueDate', printCalendarDate(pay.dueDate, locale), locale), { bold: true })
      w.paragraph(keyValue('paymentMethod', method, locale))
      const bank = p.seller.bank
      if (pay.method === 'bank_transfer' && bank) {
        w.paragraph(`${keyValue('accountHolder', bank.holder, locale)} — IBAN ${printIban(bank.iban)} — BIC ${bank.bic}`)
        w.paragraph(keyValue('paymentReference', p.number, locale))
      }
    }
    w.y += 4
  }

  if (p.kind === 'invoice' && p.buyer.kind === 'B2B') {
    for (const key of ['latePenalties', 'recoveryIndemnity', 'noEarlyDiscount'] as const) {
      paragraphs(key, locale).forEach((text, i) => w.paragraph(text, { size: 8, color: i === 0 ? '#111111' : '#555555' }, 1))
    }
    w.y += 4
  }

  if (p.mentions.length > 0) {
    w.paragraph(label('notes', locale), { size: 8, bold: true }, 2)
    for (const m of p.mentions) w.paragraph(m, { size: 8 }, 2)
  }
}
