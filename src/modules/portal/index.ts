// Public API of the producer portal's data access. Every function for the producer takes a
// ProducerScope built from the portal session and filters by it in SQL: a record of another
// producer comes back as null (404), exactly like a missing one.

export type { ProducerScope } from './scope.ts'
/** Home: this week's sales, lots near expiry, orders to confirm, next payment. */
export { portalHome, EXPIRY_ALERT_DAYS, type PortalHome } from './home-summary.ts'
/** Products with stock per lot and warehouse; one own product (or null). */
export { listProductStock, getOwnProduct, type PortalProduct } from './list-product-stock.ts'
/** Units and net sales per ISO week, sell-through per product. */
export { salesByWeek, isoWeekLabel, weekStartOf, type PortalSales, type WeekSales } from './sales-by-week.ts'
/** Purchase orders sent to the producer, one with lines, confirmation (sent → confirmed). */
export { listPortalPurchaseOrders, getPortalPurchaseOrder, confirmPortalPurchaseOrder, portalPurchaseOrderPdf, type PortalPurchaseOrder, type PortalPurchaseOrderDetail } from './purchase-orders.ts'
/** Goods receipts with discrepancies. */
export { listPortalReceipts, type PortalReceipt } from './receipts.ts'
/** Supplier invoices (when each is paid) and consignment statements. */
export { listPortalInvoices, listPortalStatements, getPortalStatement, portalStatementPdf, type PortalInvoice, type PortalStatement } from './invoices-statements.ts'
/** Content proposals: the producer proposes texts or pictures for its own products. */
export { proposeContent, listOwnProposals, ProposeTextsInput, PROPOSABLE_FIELDS, PROPOSABLE_KEYS, type PortalProposal, type ProposableField } from './proposals.ts'
/** Back office (content.review): pending proposals, side-by-side review, approve or reject. */
export { listPendingProposals, getProposalForReview, approveProposal, rejectProposal, type ProposalForReview } from './review-proposals.ts'
