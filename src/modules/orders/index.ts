/** Orders: lifecycle as data, creation from a priced cart, history, shopper views. */
export { ORDER_STATES, ORDER_LIFECYCLE, SHOPPER_CANCELLABLE, type OrderState } from './order-lifecycle.ts'
/** Writes a placed order with its lines and first history entry. */
export { createOrder, findOrderById, findOrderByIdempotencyKey, type CreateOrderInput, type CreateOrderLine } from './create-order.ts'
/** Guarded lifecycle move + history row (one winner under concurrency). */
export { transitionOrder, type TransitionResult } from './transition-order.ts'
/** The same move for a batch of orders, all or nothing (warehouse pick lists). */
export { transitionOrders, type TransitionOrdersInput, type TransitionOrdersResult } from './transition-orders.ts'
export { getOrderView, listCustomerOrders, listExpiredUnpaidOrders, recordWithdrawal, setOrderHoldExpiry, WITHDRAWAL_DAYS, type OrderView } from './get-order-view.ts'
/** Signed links for guests. */
export { orderAccessToken, checkOrderAccessToken } from './access-token.ts'
export type { OrderAddress, TaxSummary } from './tables.ts'
/** Back-office home pages: counts and the oldest orders of some statuses. */
export { orderDeskCounts, listOldestOrders, type OrderDeskCounts, type OrderToDo } from './order-desk-counts.ts'
/** The order desk (staff): search by number, e-mail or name with filters, and a customer's orders by account or e-mail. */
export { searchOrders, OrderSearchInput, ORDER_SEARCH_COUNT_CAP, type OrderSearchPage } from './search-orders.ts'
export { listOrdersOfCustomer, OrdersOfCustomerInput } from './list-orders-of-customer.ts'
export type { OrderDeskRow } from './order-desk-rows.ts'
