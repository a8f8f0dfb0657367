import type { Db } from '../../kernel/db/client.ts'
import { invoicingDb } from './tables.ts'
import { CreditNoteSnapshot, InvoiceSnapshot, type CreditNoteView, type InvoiceView } from './types.ts'

// Reads shared by the getters, the credit notes and the PDF: rows → views, snapshots re-validated
// (a snapshot that no longer parses is a bug to see at once, not a half-printed invoice).

export const selectInvoices = (db: Db) =>
  invoicingDb(db).selectFrom('invoices').select(['id', 'number', 'order_id', 'order_number', 'issued_at', 'currency', 'total_net', 'total_vat', 'total_gross', 'snapshot'])

type InvoiceRow = Awaited<ReturnType<ReturnType<typeof selectInvoices>['executeTakeFirstOrThrow']>>

export function invoiceFromRow(r: InvoiceRow): InvoiceView {
  const snap = InvoiceSnapshot.parse(r.snapshot)
  return {
    id: r.id,
    number: r.number,
    orderId: r.order_id,
    orderNumber: r.order_number,
    issuedAt: r.issued_at,
    currency: r.currency,
    totalNet: r.total_net,
    totalVat: r.total_vat,
    totalGross: r.total_gross,
    draft: snap.draft,
    seller: snap.seller,
  }
}

export const selectCreditNotes = (db: Db) =>
  invoicingDb(db).selectFrom('credit_notes').select(['id', 'number', 'invoice_id', 'reason', 'issued_at', 'total_net', 'total_vat', 'total_gross', 'snapshot'])

type CreditNoteRow = Awaited<ReturnType<ReturnType<typeof selectCreditNotes>['executeTakeFirstOrThrow']>>

export function creditNoteFromRow(r: CreditNoteRow): CreditNoteView {
  return {
    id: r.id,
    number: r.number,
    invoiceId: r.invoice_id,
    reason: r.reason,
    issuedAt: r.issued_at,
    totalNet: r.total_net,
    totalVat: r.total_vat,
    totalGross: r.total_gross,
    content: CreditNoteSnapshot.parse(r.snapshot),
  }
}
