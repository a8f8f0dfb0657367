// French labels of the order desk: statuses, payments, e-mails, history entries.

export const ORDER_STATUS_LABELS: Readonly<Record<string, string>> = {
  placed: 'passée',
  awaiting_payment: 'en attente de paiement',
  paid: 'payée',
  picking: 'en préparation',
  packed: 'emballée',
  shipped: 'expédiée',
  delivered: 'livrée',
  returned: 'retournée',
  cancelled: 'annulée',
  refunded: 'remboursée',
}

export const PAYMENT_STATUS_LABELS: Readonly<Record<string, string>> = {
  PENDING: 'en attente',
  AUTHORIZED: 'autorisé',
  CAPTURED: 'encaissé',
  FAILED: 'échoué',
  CANCELLED: 'annulé',
  REFUNDED: 'remboursé',
  PARTIALLY_REFUNDED: 'partiellement remboursé',
}

export const REFUND_STATUS_LABELS: Readonly<Record<string, string>> = { PENDING: 'en cours', SUCCEEDED: 'effectué', FAILED: 'échoué' }

export const PAYMENT_METHOD_LABELS: Readonly<Record<string, string>> = { card: 'carte', bank_transfer: 'virement' }

export const PROVIDER_LABELS: Readonly<Record<string, string>> = { test: 'prestataire de test', stripe: 'Stripe', bank_transfer: 'virement bancaire' }

export const EMAIL_STATUS_LABELS: Readonly<Record<string, string>> = { QUEUED: 'en file d’envoi', SENT: 'envoyé', KEPT: 'conservé (pas de SMTP)', FAILED: 'échec' }

export const TEMPLATE_LABELS: Readonly<Record<string, string>> = {
  'order-confirmation': 'Confirmation de commande',
  'order-paid': 'Paiement reçu',
  'order-cancelled': 'Commande annulée',
  'withdrawal-acknowledgement': 'Accusé de rétractation',
  'password-reset': 'Mot de passe oublié',
  welcome: 'Bienvenue',
}

export const MARKET_LABELS: Readonly<Record<string, string>> = { 'FR-MAINLAND': 'France métropolitaine', GP: 'Guadeloupe' }

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'orders.refunded': 'Remboursement',
  'orders.cancelled': 'Annulation',
  'orders.email_resent': 'E-mail renvoyé',
}

export const label = (labels: Readonly<Record<string, string>>, key: string): string => labels[key] ?? key

/** "20 %", "8,5 %" from basis points. */
export const rate = (bp: number): string => `${(bp / 100).toLocaleString('fr-FR')} %`

/** "2026-12-01" → "01/12/2026" (calendar days, no time zone involved). */
export const day = (iso: string | null | undefined): string => {
  if (!iso) return '—'
  const [y, m, d] = iso.split('-')
  return `${d}/${m}/${y}`
}
