// French labels of returns in the back office.
export const RETURN_STATUS_LABELS: Readonly<Record<string, string>> = {
  requested: 'à examiner',
  approved: 'accepté, colis attendu',
  rejected: 'refusé',
  received: 'reçu, remboursement à faire',
  refunded: 'remboursé',
}
