import type { Locale } from '../../kernel/ctx.ts'
import { declineMessage, paymentMessage } from './messages.ts'
import type { BankTransferProvider } from './providers/provider.ts'
import type { PaymentsTable } from './tables.ts'
import type { TransferDetails } from './types.ts'

export type StartPaymentResult =
  | { ok: true; paymentId: string; status: 'CAPTURED' | 'PENDING' | 'AWAITING_TRANSFER'; transfer?: TransferDetails }
  | { ok: false; paymentId: string | null; code: 'PAYMENT_DECLINED' | 'PAYMENT_CARD_INVALID' | 'PAYMENT_PROVIDER_UNAVAILABLE'; message: string; declineCode?: string }

type Row = Pick<PaymentsTable, 'id' | 'method' | 'order_number' | 'failure_code'> & { status: string }

/** The answer startPayment gives for a payment row: the same row always gives the same answer (idempotent retries). */
export function paymentResult(row: Row, locale: Locale, bankTransfer: BankTransferProvider): StartPaymentResult {
  const paymentId = row.id
  switch (row.status) {
    case 'CAPTURED':
    case 'PARTIALLY_REFUNDED':
      return { ok: true, paymentId, status: 'CAPTURED' }
    case 'PENDING':
    case 'AUTHORIZED':
      if (row.method === 'bank_transfer') return { ok: true, paymentId, status: 'AWAITING_TRANSFER', transfer: bankTransfer.transferDetails(row.order_number) }
      if (row.failure_code === 'provider_unavailable') return { ok: false, paymentId, code: 'PAYMENT_PROVIDER_UNAVAILABLE', message: paymentMessage(locale, 'unavailable') }
      return { ok: true, paymentId, status: 'PENDING' }
    case 'REFUNDED':
      // refunded without a failure: it was captured first (the refund came later)
      if (!row.failure_code) return { ok: true, paymentId, status: 'CAPTURED' }
      break
  }
  if (row.failure_code === 'card_invalid') return { ok: false, paymentId, code: 'PAYMENT_CARD_INVALID', message: paymentMessage(locale, 'card_invalid') }
  const declineCode = row.failure_code ?? 'card_declined'
  return { ok: false, paymentId, code: 'PAYMENT_DECLINED', message: declineMessage(locale, declineCode), declineCode }
}
