/** French labels of the statuses a producer sees. */
export const PO_STATUS: Readonly<Record<string, string>> = {
  sent: 'À confirmer', confirmed: 'Confirmé', partially_received: 'Reçu en partie', received: 'Reçu', closed: 'Clos', cancelled: 'Annulé', draft: 'Brouillon',
}
export const INVOICE_STATUS: Readonly<Record<string, string>> = {
  received: 'Reçue, en contrôle', disputed: 'En litige', approved: 'Validée, à payer', paid: 'Payée', cancelled: 'Annulée',
}
export const STATEMENT_STATUS: Readonly<Record<string, string>> = { issued: 'Émis, à payer', paid: 'Payé' }
export const PROPOSAL_STATUS: Readonly<Record<string, string>> = { pending: 'En attente', approved: 'Acceptée', rejected: 'Refusée', withdrawn: 'Retirée' }
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name_fr: 'Nom (français)', name_en: 'Nom (anglais)', description_fr: 'Description (français)', description_en: 'Description (anglais)',
}

const DAY = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'UTC' })
/** 'YYYY-MM-DD' → '30/11/2026'. */
export const frDay = (iso: string | null | undefined): string => (iso ? DAY.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—')
/** Basis points → '12,5 %'. */
export const percent = (bp: number | null): string => (bp === null ? '—' : `${(bp / 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`)
