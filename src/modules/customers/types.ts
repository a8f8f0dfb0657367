import type { Locale } from '../../kernel/ctx.ts'

/** A customer account as other modules and the HTTP layer see it (never the password hash). */
export type Customer = {
  id: string
  email: string
  firstName: string
  lastName: string
  locale: Locale
  /** 'YYYY-MM-DD' as declared, or null */
  birthDate: string | null
  createdAt: Date
}

/** A fresh session: the token goes into the `lakou_session` cookie and nowhere else. */
export type NewSession = { token: string; expiresAt: Date }

/** A saved delivery address (country: ISO 3166-1 alpha-2; overseas departments are FR + postal code). */
export type Address = {
  id: string
  name: string
  line1: string
  line2: string | null
  postalCode: string
  city: string
  country: string
  phone: string | null
  isDefault: boolean
}

/** What a shopper types for an address (before normalisation). */
export type AddressInput = {
  name: string
  line1: string
  line2?: string | null | undefined
  postalCode: string
  city: string
  country: string
  phone?: string | null | undefined
  isDefault?: boolean | undefined
}

/** Which field of an address is wrong, and why (shown next to the field). */
export type AddressProblem = {
  field: 'name' | 'line1' | 'line2' | 'postalCode' | 'city' | 'country' | 'phone'
  code: 'REQUIRED' | 'TOO_LONG' | 'COUNTRY_UNKNOWN' | 'POSTAL_CODE_INVALID' | 'POSTAL_CODE_TERRITORY_MISMATCH' | 'PHONE_INVALID'
}
