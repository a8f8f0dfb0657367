import type { TransitionTable } from '../../kernel/state-machine.ts'

/**
 * The order lifecycle (PRODUCT.md B): placed → awaiting payment (bank transfer, pending
 * card) → paid → picking → packed → shipped → delivered, with cancellation before
 * shipment and refunds after payment. Partial shipment keeps the order in `picking`
 * until every line has left; returns after delivery go through `returned`.
 */
export const ORDER_STATES = ['placed', 'awaiting_payment', 'paid', 'picking', 'packed', 'shipped', 'delivered', 'returned', 'cancelled', 'refunded'] as const
export type OrderState = (typeof ORDER_STATES)[number]

export const ORDER_LIFECYCLE: TransitionTable<OrderState> = {
  placed: ['awaiting_payment', 'paid', 'cancelled'],
  awaiting_payment: ['paid', 'cancelled'],
  paid: ['picking', 'cancelled', 'refunded'],
  picking: ['packed', 'cancelled', 'refunded'],
  packed: ['shipped', 'picking'],
  shipped: ['delivered', 'returned'],
  delivered: ['returned', 'refunded'],
  returned: ['refunded'],
  cancelled: [],
  refunded: [],
}

/** A shopper may cancel on their own until the parcel is packed. */
export const SHOPPER_CANCELLABLE: readonly OrderState[] = ['placed', 'awaiting_payment', 'paid']
