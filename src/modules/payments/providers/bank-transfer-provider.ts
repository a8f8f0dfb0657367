import { randomBytes } from 'node:crypto'
import type { TransferDetails } from '../types.ts'
import type { BankTransferProvider } from './provider.ts'

/**
 * The operator's bank account shown to shoppers who pay by transfer. Demo data: the IBAN
 * is the example account of French banking documentation (valid checksum, no real owner)
 * and the BIC is visibly fictional. A real deployment replaces this object.
 */
export const OPERATOR_BANK_ACCOUNT = Object.freeze({
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'DEMOFRPPXXX',
  beneficiary: 'Lakou SAS (démo)',
})

/**
 * The transfer reference is the order number; banks reformat free text (case, spaces), so
 * references are compared in this normal form.
 */
export function normalizeTransferReference(reference: string): string {
  return reference.toUpperCase().replace(/[^A-Z0-9-]/g, '')
}

/** Bank transfer "provider": instructions out; money in is recorded by staff (recordBankTransfer). */
export function bankTransferProvider(account: Omit<TransferDetails, 'reference'> = OPERATOR_BANK_ACCOUNT): BankTransferProvider {
  return {
    code: 'bank_transfer',
    transferDetails: (reference) => ({ ...account, reference }),
    // Staff send the money back from the bank; Lakou records that it is owed and by how much.
    refund: async () => ({ refundRef: `manual_${randomBytes(8).toString('hex')}`, amountRefunded: null }),
  }
}
