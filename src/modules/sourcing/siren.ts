/**
 * Whether a SIREN (French company number) is well formed: 9 digits whose Luhn checksum is 0.
 * La Poste's establishments (356 000 000) are the one known exception to Luhn on the SIREN;
 * they are accepted when the digits sum to a multiple of 5.
 */
export function isValidSiren(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value)) return false
  if (value === '356000000') return true
  let sum = 0
  for (let i = 0; i < 9; i++) {
    let d = Number(value[8 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** The SIREN typed with spaces or dots ("123 456 789") as 9 digits; other characters are kept so the check fails. */
export const normalizeSiren = (value: string): string => value.replace(/[\s.]/g, '')
