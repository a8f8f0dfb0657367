// Public API of the purchasing module: purchase orders to producers and goods receipts with lots.

/** Suggested order quantities from sell-through (pure, table-tested). */
export { suggestQuantity, type SuggestionInput, type Suggestion } from './suggest-quantity.ts'
/** The lines a new order starts from: the producer's variants stocked in the warehouse, with their suggestion and default cost. */
export { proposePurchaseLines, ProposeInput, SELL_THROUGH_WEEKS, type Proposal, type ProposedLine } from './propose-purchase-lines.ts'
/** Creates a draft or replaces a draft's lines (version check). */
export { savePurchaseOrder, SavePurchaseOrderInput } from './save-purchase-order.ts'
/** Lifecycle moves: send (e-mail to the producer), cancel, close, and the producer portal's confirmation. */
export { sendPurchaseOrder } from './send-purchase-order.ts'
export { cancelPurchaseOrder, closePurchaseOrder, confirmPurchaseOrder } from './transition-purchase-order.ts'
export { PURCHASE_ORDER_LIFECYCLE, STATUS_LABELS, RECEIVABLE, OVER_DELIVERY_TOLERANCE } from './lifecycle.ts'
/** One order with lines, totals and receipts; the filtered list. */
export { getPurchaseOrder, type PurchaseOrderView, type PurchaseOrderLineView } from './get-purchase-order.ts'
export { listPurchaseOrders, PurchaseOrderListInput, PO_PAGE_SIZE, type PurchaseOrderRow } from './list-purchase-orders.ts'
/** The order as a PDF (null when unknown). */
export { renderPurchaseOrderPdf } from './render-purchase-order-pdf.ts'
/** A goods receipt: lots, ledger movements, received quantities and status, in one transaction. */
export { recordGoodsReceipt, RecordGoodsReceiptInput } from './record-goods-receipt.ts'
export { listGoodsReceipts, getGoodsReceipt, RECEIPT_PAGE_SIZE, type GoodsReceiptRow, type GoodsReceiptView } from './goods-receipts.ts'
/** For payables: per order line, ordered, received, unit cost and VAT rate. */
export { listReceivedLines, type ReceivedLine } from './list-received-lines.ts'
export { purchaseTotals, type PurchaseTotals, type VatPart } from './totals.ts'
export type { PurchaseOrderStatus, PurchaseModel } from './tables.ts'
export type { FieldError } from './fields.ts'
