import { COLLECTIVITY_POSTAL_CODES, ISO_COUNTRIES, OVERSEAS_DEPARTMENTS } from './countries.ts'
import type { AddressInput, AddressProblem } from './types.ts'

/** An address as stored: trimmed, upper-case codes, overseas departments as FR, phone digits only. */
export type NormalizedAddress = {
  name: string
  line1: string
  line2: string | null
  postalCode: string
  city: string
  country: string
  phone: string | null
}

const LIMITS = { name: 120, line1: 120, line2: 120, city: 80 } as const

/**
 * Checks and normalises a typed address (pure). Decision on the overseas departments: the
 * shopper may pick "Guadeloupe" (GP) or "France" with a 971 postal code; both are stored as
 * FR + postal code, and the postal code must agree with the territory picked. 97133
 * (Saint-Barthélemy) and 97150 (Saint-Martin) are collectivities with their own ISO code (BL, MF),
 * outside the EU VAT territory: they are refused as FR or GP, accepted as BL or MF.
 * Returns every problem at once, so the form can mark each field.
 */
export function normalizeAddress(input: AddressInput): { ok: true; address: NormalizedAddress } | { ok: false; problems: AddressProblem[] } {
  const problems: AddressProblem[] = []
  const text = (field: 'name' | 'line1' | 'line2' | 'city', value: string | null | undefined, required: boolean): string | null => {
    const v = (value ?? '').replace(/\s+/g, ' ').trim()
    if (!v) {
      if (required) problems.push({ field, code: 'REQUIRED' })
      return null
    }
    if (v.length > LIMITS[field]) problems.push({ field, code: 'TOO_LONG' })
    return v
  }
  const name = text('name', input.name, true)
  const line1 = text('line1', input.line1, true)
  const line2 = text('line2', input.line2, false)
  const city = text('city', input.city, true)

  const picked = input.country.trim().toUpperCase()
  const postalCode = input.postalCode.replace(/\s+/g, ' ').trim().toUpperCase()
  let country = picked
  if (!ISO_COUNTRIES.has(picked)) problems.push({ field: 'country', code: 'COUNTRY_UNKNOWN' })
  if (!postalCode) problems.push({ field: 'postalCode', code: 'REQUIRED' })
  else if (!/^[A-Z0-9][A-Z0-9 -]{0,9}$/.test(postalCode)) problems.push({ field: 'postalCode', code: 'POSTAL_CODE_INVALID' })
  else {
    const department = OVERSEAS_DEPARTMENTS[picked]
    if (picked === 'FR' || department) {
      country = 'FR'
      if (!/^\d{5}$/.test(postalCode)) problems.push({ field: 'postalCode', code: 'POSTAL_CODE_INVALID' })
      else {
        const territory = overseasDepartmentOf('FR', postalCode)
        const overseasRange = postalCode.startsWith('97') || postalCode.startsWith('98')
        // GP + 75001, or FR + 97133/98800: the zone and the VAT must not be guessed from a contradiction
        if (department ? territory !== picked : overseasRange && !territory) problems.push({ field: 'postalCode', code: 'POSTAL_CODE_TERRITORY_MISMATCH' })
      }
    } else if ((picked === 'BL' || picked === 'MF') && COLLECTIVITY_POSTAL_CODES[postalCode] !== picked) {
      problems.push({ field: 'postalCode', code: 'POSTAL_CODE_TERRITORY_MISMATCH' })
    }
  }

  let phone: string | null = null
  const rawPhone = (input.phone ?? '').trim()
  if (rawPhone) {
    phone = rawPhone.replace(/[\s.\-()]/g, '')
    if (!/^\+?[0-9]{6,15}$/.test(phone)) problems.push({ field: 'phone', code: 'PHONE_INVALID' })
  }
  if (problems.length) return { ok: false, problems }
  return { ok: true, address: { name: name!, line1: line1!, line2, postalCode, city: city!, country, phone } }
}

/** The overseas department of a French postal code ('97122' → 'GP'), or null (mainland, Corsica, collectivities). */
export function overseasDepartmentOf(country: string, postalCode: string): string | null {
  if (country !== 'FR' || COLLECTIVITY_POSTAL_CODES[postalCode]) return null
  return Object.entries(OVERSEAS_DEPARTMENTS).find(([, prefix]) => postalCode.startsWith(prefix))?.[0] ?? null
}
