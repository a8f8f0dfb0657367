import type { Locale } from '../../kernel/ctx.ts'

// What the shopper reads when a payment does not go through (French first, the reference language).
const fr = {
  card_number: 'Le numéro de carte n’est pas valide. Vérifiez-le et réessayez.',
  card_expiry: 'La carte est expirée ou sa date d’expiration n’est pas valide.',
  card_cvc: 'Le cryptogramme visuel (CVC) n’est pas valide.',
  card_holder: 'Indiquez le nom du titulaire de la carte.',
  card_invalid: 'La carte n’a pas été acceptée. Vérifiez ses informations.',
  declined: 'Votre banque a refusé le paiement. Essayez une autre carte ou le virement.',
  insufficient_funds: 'Votre banque a refusé le paiement (provision insuffisante). Essayez une autre carte ou le virement.',
  unavailable: 'Le service de paiement ne répond pas. Réessayez dans un instant : vous ne serez pas débité deux fois.',
} as const

const en: Record<keyof typeof fr, string> = {
  card_number: 'The card number is not valid. Please check it and try again.',
  card_expiry: 'The card has expired or its expiry date is not valid.',
  card_cvc: 'The security code (CVC) is not valid.',
  card_holder: 'Please enter the cardholder’s name.',
  card_invalid: 'The card was not accepted. Please check its details.',
  declined: 'Your bank declined the payment. Try another card or pay by bank transfer.',
  insufficient_funds: 'Your bank declined the payment (insufficient funds). Try another card or pay by bank transfer.',
  unavailable: 'The payment service is not answering. Please try again in a moment: you will not be charged twice.',
}

export type PaymentMessageKey = keyof typeof fr

export function paymentMessage(locale: Locale, key: PaymentMessageKey): string {
  return (locale === 'en' ? en : fr)[key]
}

/** The message for a decline code from the provider. */
export function declineMessage(locale: Locale, declineCode: string): string {
  return paymentMessage(locale, declineCode === 'insufficient_funds' ? 'insufficient_funds' : 'declined')
}
