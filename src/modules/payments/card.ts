import type { CardInput, CardSummary } from './types.ts'

/**
 * Checks a card as a PSP does before contacting the issuer: the number passes the Luhn
 * checksum (ISO/IEC 7812-1), the card is not expired (valid through the last day of its
 * expiry month), the CVC has 3 digits (4 for American Express). Pure: `now` is given.
 */
export type CardCheck =
  | { ok: true; number: string; summary: CardSummary }
  | { ok: false; reason: 'number' | 'expiry' | 'cvc' | 'holder' }

/** Digits only: shoppers type spaces and dashes. */
export function normalizeCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '')
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** Brand from the issuer identification number (first digits). */
export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return 'visa'
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return 'mastercard'
  if (/^3[47]/.test(digits)) return 'amex'
  return 'unknown'
}

/** Two-digit years mean 20xx (cards are issued for at most about 10 years). */
export function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year
}

export function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12 || !Number.isInteger(expYear)) return true
  const y = fullYear(expYear)
  const nowY = now.getUTCFullYear()
  const nowM = now.getUTCMonth() + 1
  return y < nowY || (y === nowY && expMonth < nowM)
}

export function checkCard(card: CardInput, now: Date): CardCheck {
  const number = normalizeCardNumber(card.number)
  if (!luhnValid(number)) return { ok: false, reason: 'number' }
  if (isExpired(card.expMonth, card.expYear, now)) return { ok: false, reason: 'expiry' }
  const brand = cardBrand(number)
  if (!(brand === 'amex' ? /^\d{4}$/ : /^\d{3}$/).test(card.cvc)) return { ok: false, reason: 'cvc' }
  if (card.holderName.trim() === '') return { ok: false, reason: 'holder' }
  return { ok: true, number, summary: { brand, last4: number.slice(-4) } }
}
