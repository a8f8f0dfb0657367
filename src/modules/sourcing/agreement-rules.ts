import type { PaymentTermsType } from '../producers/tables.ts'

// The legal limits of a producer agreement's payment terms (DOMAIN.md §7), pure and table-driven.
// C. com. L441-10: agreed terms at most 60 days from the invoice (or 45 days end of month).
// C. com. L441-11 II: alcoholic drinks under excise, at most 30 days after the end of the month of
// delivery; perishable food, at most 30 days after delivery. These override the default "net 60".

export type AgreementModel = 'PURCHASE' | 'CONSIGNMENT'

/** What a producer sells, as far as the law on payment terms cares. */
export type GoodsKind = { exciseAlcohol: boolean; perishableFood: boolean }

export type AgreementTermsInput = {
  model: AgreementModel
  paymentTermsType: PaymentTermsType
  paymentTermsDays: number
  /** basis points; consignment only */
  commissionBp: number | null
}

export type RuleViolation = { field: 'paymentTermsType' | 'paymentTermsDays' | 'commissionBp' | 'validFrom'; message: string }

type Limit = { allowed: readonly PaymentTermsType[]; maxDays: Record<PaymentTermsType, number>; basis: string; why: string }

/** The one limit that applies to a kind of goods (alcohol first: its rule is the strictest on the form). */
export const LIMITS: Record<'excise_alcohol' | 'perishable_food' | 'general', Limit> = {
  excise_alcohol: {
    allowed: ['DAYS_AFTER_END_OF_DELIVERY_MONTH'],
    maxDays: { DAYS_AFTER_END_OF_DELIVERY_MONTH: 30, NET_DAYS_FROM_INVOICE: 0, DAYS_AFTER_DELIVERY: 0 },
    basis: 'C. com. L441-11 II (boissons alcooliques soumises à accise : 30 jours fin du mois de livraison au plus)',
    why: 'Ce producteur vend de l’alcool soumis à accise',
  },
  perishable_food: {
    allowed: ['DAYS_AFTER_DELIVERY'],
    maxDays: { DAYS_AFTER_DELIVERY: 30, NET_DAYS_FROM_INVOICE: 0, DAYS_AFTER_END_OF_DELIVERY_MONTH: 0 },
    basis: 'C. com. L441-11 II (denrées alimentaires périssables : 30 jours après la livraison au plus)',
    why: 'Ce producteur vend des denrées alimentaires périssables',
  },
  general: {
    allowed: ['NET_DAYS_FROM_INVOICE', 'DAYS_AFTER_END_OF_DELIVERY_MONTH', 'DAYS_AFTER_DELIVERY'],
    maxDays: { NET_DAYS_FROM_INVOICE: 60, DAYS_AFTER_END_OF_DELIVERY_MONTH: 45, DAYS_AFTER_DELIVERY: 60 },
    basis: 'C. com. L441-10 I (60 jours à compter de la facture, ou 45 jours fin de mois, au plus)',
    why: 'Délai légal',
  },
}

export const TERMS_LABELS: Record<PaymentTermsType, string> = {
  NET_DAYS_FROM_INVOICE: 'jours nets à compter de la facture',
  DAYS_AFTER_END_OF_DELIVERY_MONTH: 'jours après la fin du mois de livraison',
  DAYS_AFTER_DELIVERY: 'jours après la livraison',
}

export const limitFor = (goods: GoodsKind): Limit => (goods.exciseAlcohol ? LIMITS.excise_alcohol : goods.perishableFood ? LIMITS.perishable_food : LIMITS.general)

/** The terms a new agreement form proposes: 60 days net from invoice, or the special rule's maximum. */
export function defaultTerms(goods: GoodsKind): { paymentTermsType: PaymentTermsType; paymentTermsDays: number } {
  const limit = limitFor(goods)
  const type = limit.allowed[0]!
  return { paymentTermsType: type, paymentTermsDays: limit.maxDays[type] }
}

/** Every rule the terms break (empty: lawful). */
export function checkAgreementTerms(terms: AgreementTermsInput, goods: GoodsKind): RuleViolation[] {
  const out: RuleViolation[] = []
  const limit = limitFor(goods)
  const days = terms.paymentTermsDays
  if (!Number.isInteger(days) || days < 0) out.push({ field: 'paymentTermsDays', message: 'Le délai de paiement est un nombre entier de jours, 0 ou plus.' })
  else if (!limit.allowed.includes(terms.paymentTermsType)) {
    out.push({ field: 'paymentTermsType', message: `${limit.why} : le délai se compte en « ${TERMS_LABELS[limit.allowed[0]!]} » (${limit.basis}).` })
  } else if (days > limit.maxDays[terms.paymentTermsType]) {
    out.push({ field: 'paymentTermsDays', message: `${limit.why} : ${limit.maxDays[terms.paymentTermsType]} ${TERMS_LABELS[terms.paymentTermsType]} au plus (${limit.basis}).` })
  }
  if (terms.model === 'CONSIGNMENT' && (terms.commissionBp == null || terms.commissionBp <= 0 || terms.commissionBp >= 10000)) {
    out.push({ field: 'commissionBp', message: 'Un dépôt-vente a une commission entre 0 et 100 % (exclus).' })
  }
  if (terms.model === 'PURCHASE' && terms.commissionBp != null) out.push({ field: 'commissionBp', message: 'Un achat ferme n’a pas de commission : laissez le champ vide.' })
  return out
}

/** The legal basis stored with an agreement. */
export const legalBasisFor = (goods: GoodsKind): string => limitFor(goods).basis

/** A new agreement starts after the latest one (ISO days compare as strings). */
export function checkValidFrom(validFrom: string, latestExisting: string | null): RuleViolation[] {
  if (latestExisting === null || validFrom > latestExisting) return []
  return [{ field: 'validFrom', message: validFrom === latestExisting
    ? `Un accord commence déjà le ${latestExisting} : choisissez une date postérieure.`
    : `Le dernier accord commence le ${latestExisting} : un nouvel accord ne peut pas commencer avant (les accords se suivent dans l’ordre des dates).` }]
}
