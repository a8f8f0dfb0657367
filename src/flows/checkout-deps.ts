import type { PaymentProviders } from '../modules/payments/index.ts'

/** What the order flows need besides ctx: payment providers and settings from config. */
export type CheckoutDeps = {
  providers: PaymentProviders
  appSecret: string
  /** minutes a checkout holds stock before an unpaid order is released */
  reservationMinutes: number
  publicUrl: string
}

/** A card payment still pending at the provider keeps its stock this long. */
export const PENDING_CARD_HOLD_MINUTES = 60
/** A bank transfer has this long to arrive before the order is released. */
export const BANK_TRANSFER_HOLD_DAYS = 5

/** Thrown inside a transaction to roll it back and return a typed failure. */
export class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super('rollback')
  }
}
