/** Orders: lifecycle as data, creation from a priced cart, history, shopper views. */
export { ORDER_STATES, ORDER_LIFECYCLE, SHOPPER_CANCELLABLE, type OrderState } from './order-lifecycle.ts'
/** Writes a placed order with its lines and first history entry. */
export { createOrder, findOrderById, findOrderByIdempotencyKey, type CreateOrderInput, type CreateOrderLine } from './create-order.ts'
/** Guarded lifecycle move + history row (one winner under concurrency). */
export { transitionOrder, type TransitionResult } from './transition-order.ts'
export { getOrderView, listCustomerOrders, listExpiredUnpaidOrders, recordWithdrawal, setOrderHoldExpiry, WITHDRAWAL_DAYS, type OrderView } from './get-order-view.ts'
/** Signed links for guests. */
export { orderAccessToken, checkOrderAccessToken } from './access-token.ts'
export type { OrderAddress, TaxSummary } from './tables.ts'
