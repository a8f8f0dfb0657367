import type { Zone } from './types.ts'

/**
 * The destination zone of an address, from its ISO 3166 country code and postal code.
 *
 * - France (FR): the postal code decides. 971 → GP, 972 → MQ, 974 → RE; every other code of
 *   the mainland (Corsica 20xxx included, and Monaco's 980xx) → FR-MAINLAND.
 * - Saint-Barthélemy (postal code 97133, INSEE 977) and Saint-Martin (97150, INSEE 978) still
 *   use Guadeloupe's 971 postal prefix but have been collectivities separate from Guadeloupe
 *   since 2007 (LO 2007-223): their own tax codes, no French VAT, Saint-Barthélemy outside the
 *   EU. Goods for them leave Guadeloupe as exports, so they are WORLD, not GP.
 *   Likewise Guyane (973) and Mayotte (976), which have no VAT (DOMAIN §1.1), Saint-Pierre-et-
 *   Miquelon (975) and the Pacific collectivities (986–988): not zones Lakou serves apart, WORLD.
 * - GP, MQ, RE are ISO country codes too and are accepted as such (a postal code, if given,
 *   must belong to them); BL, MF, GF, YT, PM, NC, PF, WF are WORLD.
 * - Monaco (MC) is inside the French VAT and customs territory (Franco-Monegasque convention
 *   of 18 May 1963): FR-MAINLAND.
 * - EU-27 member states → EU, except their parts outside the EU VAT territory (Directive
 *   2006/112/EC art. 6): Canary Islands, Ceuta, Melilla, Åland, Heligoland, Büsingen, Livigno,
 *   Campione d'Italia, Mount Athos → WORLD (they are exports for VAT and customs).
 * - Anything else that is a real country → WORLD.
 */
export type ZoneFailureCode = 'SHIPPING_ADDRESS_INVALID' | 'SHIPPING_COUNTRY_UNSUPPORTED'
export type ZoneResult =
  | { ok: true; zone: Zone; country: string; postalCode: string | null }
  | { ok: false; code: ZoneFailureCode; params: { field: 'country' | 'postalCode'; value: string } }

export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
])

// Postal-code prefixes of EU territories outside the EU VAT territory (art. 6 of the VAT directive).
const OUTSIDE_EU_VAT: Readonly<Record<string, readonly RegExp[]>> = {
  ES: [/^35/, /^38/, /^51/, /^52/], // Las Palmas, Santa Cruz de Tenerife, Ceuta, Melilla
  FI: [/^22/], // Åland
  DE: [/^27498$/, /^78266$/], // Heligoland, Büsingen am Hochrhein
  IT: [/^23030$/, /^23041$/, /^22061$/], // Livigno (and Trepalle), Campione d'Italia
  GR: [/^63086$/, /^63087$/], // Mount Athos
}

const FR_OVERSEAS: Readonly<Record<string, Zone>> = { '971': 'GP', '972': 'MQ', '974': 'RE' }
// Saint-Barthélemy and Saint-Martin: 971 postal codes, not Guadeloupe since 2007.
const COLLECTIVITIES_IN_971 = new Set(['97133', '97150'])
const WORLD_COUNTRIES_FRENCH = new Set(['BL', 'MF', 'GF', 'YT', 'PM', 'NC', 'PF', 'WF', 'TF'])
// No carrier delivers there: refused rather than priced as "world".
const UNSERVED = new Set(['AQ', 'BV', 'HM'])
// Two-letter codes Intl knows that are not countries.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ'])

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' })

function isCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false
  return regionNames.of(code) !== code
}

export function resolveZone(input: { country: string; postalCode?: string | null }): ZoneResult {
  const country = input.country.trim().toUpperCase()
  const postal = (input.postalCode ?? '').replace(/\s+/g, '').toUpperCase()
  const bad = (field: 'country' | 'postalCode', value: string): ZoneResult => ({ ok: false, code: 'SHIPPING_ADDRESS_INVALID', params: { field, value } })
  if (!isCountry(country)) return bad('country', input.country)
  if (UNSERVED.has(country)) return { ok: false, code: 'SHIPPING_COUNTRY_UNSUPPORTED', params: { field: 'country', value: country } }
  const ok = (zone: Zone): ZoneResult => ({ ok: true, zone, country, postalCode: postal || null })

  if (country === 'FR' || country === 'MC') {
    // La Poste codes are five digits; a French address without one cannot be delivered.
    if (!/^\d{5}$/.test(postal)) return bad('postalCode', input.postalCode ?? '')
    if (country === 'MC') return postal.startsWith('980') ? ok('FR-MAINLAND') : bad('postalCode', postal)
    if (postal.startsWith('97') || postal.startsWith('98')) {
      if (COLLECTIVITIES_IN_971.has(postal)) return ok('WORLD')
      const zone = FR_OVERSEAS[postal.slice(0, 3)]
      if (zone) return ok(zone)
      return postal.startsWith('980') ? ok('FR-MAINLAND') : ok('WORLD')
    }
    if (postal.startsWith('00') || postal.startsWith('96') || postal.startsWith('99')) return bad('postalCode', postal)
    return ok('FR-MAINLAND')
  }
  if (country === 'GP' || country === 'MQ' || country === 'RE') {
    const prefix = { GP: '971', MQ: '972', RE: '974' }[country]
    if (postal && !(/^\d{5}$/.test(postal) && postal.startsWith(prefix))) return bad('postalCode', postal)
    return COLLECTIVITIES_IN_971.has(postal) ? ok('WORLD') : ok(country)
  }
  if (WORLD_COUNTRIES_FRENCH.has(country)) return ok('WORLD')
  if (EU_MEMBER_STATES.has(country)) {
    if ((OUTSIDE_EU_VAT[country] ?? []).some((re) => re.test(postal))) return ok('WORLD')
    return ok('EU')
  }
  return ok('WORLD')
}
