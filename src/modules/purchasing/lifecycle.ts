import type { TransitionTable } from '../../kernel/state-machine.ts'
import type { PurchaseOrderStatus } from './tables.ts'

/**
 * A purchase order's lifecycle: drafted, sent to the producer, confirmed by them (portal), then
 * received in one or more goods receipts; closed when nothing more will come. Cancelling is
 * possible only before the producer confirmed. A receipt may arrive before the confirmation.
 */
export const PURCHASE_ORDER_LIFECYCLE: TransitionTable<PurchaseOrderStatus> = {
  draft: ['sent', 'cancelled'],
  sent: ['confirmed', 'partially_received', 'received', 'cancelled'],
  confirmed: ['partially_received', 'received', 'closed'],
  partially_received: ['received', 'closed'],
  received: ['closed'],
  closed: [],
  cancelled: [],
}

/** Statuses in which goods may be received against the order. */
export const RECEIVABLE: readonly PurchaseOrderStatus[] = ['sent', 'confirmed', 'partially_received']
/** Statuses whose units still to come count as "already on order" in suggestions (drafts too: not twice). */
export const OPEN_FOR_SUGGESTIONS: readonly PurchaseOrderStatus[] = ['draft', 'sent', 'confirmed', 'partially_received']

export const STATUS_LABELS: Readonly<Record<PurchaseOrderStatus, string>> = {
  draft: 'Brouillon',
  sent: 'Envoyé',
  confirmed: 'Confirmé',
  partially_received: 'Reçu en partie',
  received: 'Reçu',
  closed: 'Clos',
  cancelled: 'Annulé',
}

/** Over-delivery tolerance in units per line: 0, backed by a CHECK (migration 0015). */
export const OVER_DELIVERY_TOLERANCE = 0
