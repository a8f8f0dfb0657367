import type { InvoiceStatus, MatchStatus } from '../../modules/payables/index.ts'

// French words of the payables screens, shared by the pages.
export const INVOICE_STATUS: Record<InvoiceStatus, string> = { received: 'Reçue', disputed: 'En litige', approved: 'Approuvée', paid: 'Payée', cancelled: 'Annulée' }
export const MATCH_STATUS: Record<MatchStatus, string> = { matched: 'Rapprochée', mismatch: 'Écart', unmatched: 'Sans bon de commande' }
export const TERMS: Record<string, string> = {
  NET_DAYS_FROM_INVOICE: 'jours date de facture',
  DAYS_AFTER_END_OF_DELIVERY_MONTH: 'jours fin de mois de livraison',
  DAYS_AFTER_DELIVERY: 'jours après livraison',
}
export const RUN_STATUS: Record<string, string> = { draft: 'Brouillon', executed: 'Exécutée', cancelled: 'Annulée' }
export const rate = (bp: number): string => `${(bp / 100).toLocaleString('fr-FR')} %`
/** "12,50" for an input field (cents → French decimal). */
export const decimalInput = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',')
