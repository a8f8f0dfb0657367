import { hash, verify, type Algorithm } from '@node-rs/argon2'

/**
 * Passwords are stored only as argon2id hashes (memory-hard, OWASP's first choice) with the
 * OWASP minimum parameters: 19 MiB, 2 passes, 1 lane (about 30 ms here). The hash string carries
 * its own parameters and salt, so raising them later only affects new hashes.
 */
const ARGON2ID = 2 as Algorithm
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export const PASSWORD_MIN_LENGTH = 12
/** argon2 accepts anything, but hashing megabytes on every attempt is a cheap denial of service */
export const PASSWORD_MAX_LENGTH = 256

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'TOO_SIMPLE' | 'CONTAINS_EMAIL'

/**
 * The password policy: length over composition rules (NIST SP 800-63B; the CNIL's 2022
 * recommendation asks 12 characters at least), plus two cheap refusals of obvious choices.
 * Sign-in attempts are throttled, which the CNIL counts as the complementary measure.
 */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT'
  if (length > PASSWORD_MAX_LENGTH) return 'TOO_LONG'
  if (new Set(password.toLowerCase()).size < 4) return 'TOO_SIMPLE'
  const local = email.trim().toLowerCase().split('@')[0] ?? ''
  if (local.length >= 4 && password.toLowerCase().includes(local)) return 'CONTAINS_EMAIL'
  return null
}

/** An argon2id hash (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

/** True when the password matches the stored hash; a malformed hash is a mismatch, never a crash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | undefined

/**
 * Verifies against a throw-away hash: signing in with an unknown e-mail costs the same time
 * as with a wrong password, so response times do not reveal which e-mails have an account.
 */
export async function spendVerificationTime(password: string): Promise<void> {
  dummy ??= hashPassword('lakou-no-such-account-placeholder')
  await verifyPassword(await dummy, password)
}
