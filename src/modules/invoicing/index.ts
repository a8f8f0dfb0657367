// Public API of the invoicing module: gap-free invoices and credit notes, their PDFs, the seller profile.

/** Issues the invoice of an order from its draft, in the caller's transaction; idempotent per order. */
export { issueInvoice, type IssueInvoiceResult } from './issue-invoice.ts'
/** Issues a credit note (avoir) for all or part of an invoice, never more than is left to credit. */
export { issueCreditNote, IssueCreditNoteInput, type IssueCreditNoteResult } from './issue-credit-note.ts'
/** One invoice by id (thrown NOT_FOUND). */
export { getInvoice } from './get-invoice.ts'
/** The invoice of an order, or null. */
export { getInvoiceForOrder } from './get-invoice-for-order.ts'
/** One credit note by id (thrown NOT_FOUND). */
export { getCreditNote } from './get-credit-note.ts'
/** The credit notes of an invoice, oldest first. */
export { listCreditNotes } from './list-credit-notes.ts'
/** The invoice as a PDF with the French legal mentions (bilingual labels when locale is 'en'). */
export { renderInvoicePdf } from './render-invoice-pdf.ts'
/** The credit note as a PDF ("Avoir", the invoice it corrects). */
export { renderCreditNotePdf } from './render-credit-note-pdf.ts'
/** The seller's profile printed on invoices: read, and create or replace. */
export { getCompanyProfile, saveCompanyProfile, shopTimeZone, CompanyProfile, SELLER_PROFILE_ID } from './company-profile.ts'
/** The draft shape the order flow hands to issueInvoice (zod schema and type). */
export { InvoiceDraftSchema, type InvoiceDraft, type InvoiceLine, type PostalAddress, type RatePart } from './invoice-draft.ts'
/** Reasons a draft is refused (returned, nothing written). */
export type { DraftProblemCode } from './check-invoice-draft.ts'
/** Views of issued documents. */
export type { InvoiceView, CreditNoteView } from './types.ts'
/** Finance lists (staff): invoices or credit notes by number, order number and issue days, sorted, a page at a time. */
export { listDocuments, DocumentListInput, DocumentFilters, DOCUMENT_COUNT_CAP, type DocumentRow, type DocumentPage } from './list-documents.ts'
/** The rows of a CSV export (VAT per rate from the snapshots), in keyset batches. */
export { exportDocumentRows, EXPORT_BATCH_SIZE, type DocumentExportRow, type DocumentExportFilters } from './export-documents.ts'
/** What is left to credit on an invoice (units, shipping, money per VAT rate), and the credit note of a refund by units, amount or the rest. */
export { creditLeftOfInvoice, creditLeftOfOrder, type CreditLeft, type LineLeft } from './credit-left.ts'
export { issueRefundCreditNote, IssueRefundCreditNoteInput, type IssueRefundCreditNoteResult } from './issue-refund-credit-note.ts'
/** The shared PDF kit (A4 document with embedded fonts and page footers, a paging cursor, print formats) other modules' documents use. */
export { createPdf, PAGE, type Pdf, type PdfFonts, type PdfMeta } from './pdf-document.ts'
export { PdfWriter, type TextStyle } from './pdf-writer.ts'
export { printCalendarDate, printInstantDate, printMoney, printRate, type PrintLocale } from './pdf-format.ts'
