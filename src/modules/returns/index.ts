/** Returns: a shopper's request to send units back, the agent's decision, the warehouse receipt. */
export { RETURN_REASONS, RETURN_STATUSES, type ReturnReason, type ReturnStatus } from './tables.ts'
/** Units an order may still send back (shipped, eligible, not yet asked) and its return window. */
export { returnableUnits, type ReturnableLine, type ReturnableOrder } from './returnable-units.ts'
export { createReturnRequest, type CreateReturnInput, type CreateReturnResult } from './create-return-request.ts'
export { getReturn, listOrderReturns, type ReturnView, type ReturnLineView, type ReturnWarehouse, type OrderReturnRow } from './get-return.ts'
export { listReturns, ListReturnsInput, type ReturnRow, type ReturnPage } from './list-returns.ts'
export { decideReturn } from './decide-return.ts'
export { checkReceipt, recordReturnReceipt, orderFullyReturned, markReturnRefunded, receiptField, type ReceivedLine, type ReceiptErrors } from './receive-return.ts'
