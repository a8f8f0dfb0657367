import type { PrintLocale } from './pdf-format.ts'

/**
 * The words of the invoice PDF. French is the legal text and is always printed; an English
 * invoice prints each French label with its English translation beside it ("Facture / Invoice"),
 * so the mandatory French mentions stay on the document (loi Toubon, CGI 242 nonies A).
 */
const LABELS = {
  invoice: ['Facture', 'Invoice'],
  creditNote: ['Avoir', 'Credit note'],
  number: ['N°', 'No.'],
  issueDate: ["Date d'émission", 'Issue date'],
  supplyDate: ['Date de livraison des biens', 'Date of supply'],
  order: ['Commande', 'Order'],
  billTo: ['Facturé à', 'Bill to'],
  deliverTo: ['Adresse de livraison', 'Delivery address'],
  vatNumber: ['N° TVA intracommunautaire', 'VAT number'],
  shareCapital: ['au capital de', 'share capital'],
  nature: ["Nature de l'opération : Livraison de biens", 'Nature of the transaction: supply of goods'],
  colDescription: ['Désignation', 'Description'],
  colQuantity: ['Qté', 'Qty'],
  colUnitNet: ['PU HT', 'Unit price excl. VAT'],
  colRate: ['TVA', 'VAT'],
  colNet: ['Total HT', 'Total excl. VAT'],
  reference: ['Réf.', 'Ref.'],
  excise: ["dont droits d'accises", 'incl. excise duty'],
  css: ['dont cotisation sécurité sociale', 'incl. social security contribution'],
  inVatBase: ['compris dans la base HT soumise à la TVA', 'included in the VAT base'],
  shipping: ['Frais de livraison', 'Delivery charges'],
  shippingShare: ['part au taux de', 'share at'],
  discount: ['Remise accordée, déjà déduite des prix ci-dessus', 'Discount granted, already deducted from the prices above'],
  vatSummary: ['Récapitulatif de la TVA', 'VAT summary'],
  rate: ['Taux', 'Rate'],
  base: ['Base HT', 'Taxable amount'],
  vat: ['TVA', 'VAT'],
  exempt: ['exonéré', 'exempt'],
  totalNet: ['Total HT', 'Total excl. VAT'],
  totalVat: ['Total TVA', 'Total VAT'],
  totalGross: ['Total TTC', 'Total incl. VAT'],
  paidOn: ['Facture acquittée le', 'Paid on'],
  card: ['carte bancaire', 'card'],
  bankTransfer: ['virement bancaire', 'bank transfer'],
  dueDate: ["Date d'échéance", 'Due date'],
  paymentMethod: ['Mode de paiement', 'Payment method'],
  accountHolder: ['Bénéficiaire', 'Account holder'],
  paymentReference: ['Référence à indiquer', 'Payment reference'],
  latePenalties: ['Pénalités de retard : taux BCE + 10 points (taux de refinancement de la Banque centrale européenne majoré de 10 points, C. com. L441-10)', 'Late payment penalties: ECB refinancing rate plus 10 percentage points'],
  recoveryIndemnity: ['Indemnité forfaitaire pour frais de recouvrement de 40 € due en cas de retard de paiement (C. com. D441-5)', 'Fixed compensation for recovery costs of €40 in case of late payment'],
  noEarlyDiscount: ['Escompte pour paiement anticipé : néant', 'No discount for early payment'],
  cancels: ['Annule la facture', 'Cancels invoice'],
  corrects: ['Rectifie la facture', 'Corrects invoice'],
  of: ['du', 'of'],
  reason: ['Motif', 'Reason'],
  notes: ['Mentions', 'Notes'],
  page: ['Page', 'Page'],
} as const satisfies Record<string, readonly [string, string]>

export type LabelKey = keyof typeof LABELS

/** A short label: French, or "French / English". */
export function label(key: LabelKey, locale: PrintLocale): string {
  const [fr, en] = LABELS[key]
  return locale === 'fr' || fr === en ? fr : `${fr} / ${en}`
}

/** A sentence: the French text, then (English invoices) its translation as a second paragraph. */
export function paragraphs(key: LabelKey, locale: PrintLocale): string[] {
  const [fr, en] = LABELS[key]
  return locale === 'fr' ? [fr] : [fr, en]
}
