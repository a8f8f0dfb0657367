import { formatMoney } from '../../kernel/money.ts'
import type { PostalAddress } from './invoice-draft.ts'

/**
 * How amounts, rates, dates and identifiers read on a printed invoice. French output follows
 * French usage (1 234,56 €, 5,5 %, 12/03/2026); English output the British one (€1,234.56,
 * 5.5%, 12 March 2026). Dates are calendar dates (DOMAIN §4.2: the due date as a date, not
 * "30 days"), taken where the seller is for instants.
 */
export type PrintLocale = 'fr' | 'en'

const intlLocale = (l: PrintLocale) => (l === 'fr' ? 'fr-FR' : 'en-GB')

// Intl groups French thousands with U+202F, missing from the standard PDF fonts: use U+00A0.
const nbsp = (s: string) => s.replace(/\u202f/g, '\u00a0')

/** "1 234,56 €" / "€1,234.56" from cents. */
export function printMoney(cents: number, locale: PrintLocale): string {
  return nbsp(formatMoney({ amount: cents, currency: 'EUR' }, intlLocale(locale)))
}

/** "5,5 %" / "5.5%" from basis points. */
export function printRate(rateBp: number, locale: PrintLocale): string {
  const n = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(rateBp / 100)
  return locale === 'fr' ? `${n}\u00a0%` : `${n}%`
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(locale: PrintLocale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`
  let f = dateFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), locale === 'fr' ? { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' } : { timeZone, day: 'numeric', month: 'long', year: 'numeric' })
    dateFormats.set(key, f)
  }
  return f
}

/** The calendar date of an instant where the seller is: "12/03/2026" / "12 March 2026". */
export function printInstantDate(instant: Date, timeZone: string, locale: PrintLocale): string {
  return dateFormat(locale, timeZone).format(instant)
}

/** A calendar date 'YYYY-MM-DD' as printed (no time zone shift). */
export function printCalendarDate(isoDate: string, locale: PrintLocale): string {
  return dateFormat(locale, 'UTC').format(new Date(`${isoDate}T12:00:00Z`))
}

/** "999 710 007": a SIREN in its usual groups of three. */
export function printSiren(siren: string): string {
  return siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3')
}

/** "FR76 9999 9000 …": an IBAN in groups of four, as banks print it. */
export function printIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ')
}

/** The name of a country from its ISO code ('GP' → "Guadeloupe"); the code when unknown. */
export function printCountry(code: string, locale: PrintLocale): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

// Overseas departments are France ('FR', as in e-invoicing and customer addresses) with their
// own postal range; the address names the department (97133, 97150 are BL and MF, not GP).
const OVERSEAS_PREFIXES: Readonly<Record<string, string>> = { '971': 'GP', '972': 'MQ', '973': 'GF', '974': 'RE', '976': 'YT' }
const COLLECTIVITIES = new Set(['97133', '97150'])

/** The region named on the last line: 'FR' + 97122 → 'GP'; otherwise the country itself. */
export function addressRegion(a: PostalAddress): string {
  if (a.country !== 'FR' || COLLECTIVITIES.has(a.postalCode)) return a.country
  return OVERSEAS_PREFIXES[a.postalCode.slice(0, 3)] ?? a.country
}

/** The lines of a postal address, French order: street, complement, "postcode city", country. */
export function addressLines(a: PostalAddress, locale: PrintLocale): string[] {
  return [a.line1, ...(a.line2 ? [a.line2] : []), `${a.postalCode} ${a.city}`, printCountry(addressRegion(a), locale)]
}

export function sameAddress(a: PostalAddress, b: PostalAddress): boolean {
  const norm = (x: PostalAddress) => [x.line1, x.line2 ?? '', x.postalCode, x.city, x.country].map((s) => s.trim().toLowerCase()).join('|')
  return norm(a) === norm(b)
}
