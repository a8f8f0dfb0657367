// Public API of the payables module: supplier invoices with the three-way match, the payables
// schedule and overdue alerts, payment runs, and monthly consignment statements (PDF).

/** Due date of a supplier invoice from the agreement's terms (pure). */
export { dueDate, addDays, endOfMonth, daysBetween, type Terms } from './due-date.ts'
/** Three-way match invoice ↔ purchase order ↔ goods receipts (pure). */
export { threeWayMatch, UNIT_COST_TOLERANCE_CENTS, type LineMatch, type MatchResult } from './three-way-match.ts'
/** A purchase order's lines with receipts and what earlier invoices billed (form prefill, match). */
export { purchaseOrderContext, listInvoiceablePurchaseOrders, type PurchaseOrderContext, type PurchaseOrderOption } from './purchase-order-context.ts'
/** Record an invoice; approve or cancel it; record a payment of it. */
export { recordInvoice, RecordInvoiceInput, type RecordedInvoice } from './record-invoice.ts'
export { decideInvoice, DecideInvoiceInput } from './decide-invoice.ts'
export { recordSupplierPayment, RecordPaymentInput } from './record-payment.ts'
/** Reads: the invoice list and one invoice. */
export { listSupplierInvoices, InvoiceListInput, type InvoiceList, type InvoiceRow } from './list-invoices.ts'
export { getSupplierInvoice, type InvoiceDetail } from './get-invoice.ts'
/** The schedule (one aggregate query) and the overdue list. */
export { payablesSchedule, scheduleRows, overdueInvoices, ScheduleInput, type PayablesSchedule, type ScheduleWeek, type OverdueInvoice } from './payables-schedule.ts'
/** Payment runs: propose, prepare (draft), execute once; reads and the bank transfer list. */
export { proposeRun, createRun, executeRun, ProposeRunInput, CreateRunInput, type RunCandidate } from './payment-runs.ts'
export { listRuns, getRun, runTransfers, producersWithoutIban, type RunSummary, type RunDetail, type RunTransfer } from './get-runs.ts'
/** The run's bank file (SEPA-style columns), refused when a producer to pay has no IBAN. */
export { paymentRunCsv } from './payment-run-csv.ts'
/** Daily overdue alert to finance. */
export { sendOverdueAlert, payablesJobs, PAYABLES_OVERDUE_ALERT_JOB, PAYABLES_OVERDUE_ALERT_EVERY_SECONDS } from './overdue-alert.ts'
/** Consignment statements: issue a month, read them, print one. */
export { issueStatements, IssueStatementsInput, COMMISSION_VAT_BP, type IssueResult } from './issue-statements.ts'
export { listStatements, getStatement, type StatementSummary, type StatementDetail } from './get-statements.ts'
export { renderStatementPdf } from './render-statement-pdf.ts'
export type { InvoiceStatus, MatchStatus } from './tables.ts'
