import { createHash, randomBytes } from 'node:crypto'

/**
 * Secrets handed to a browser (session cookie, password reset link): 32 random bytes,
 * base64url. The database keeps only their SHA-256, so a leaked table opens no account.
 * A plain hash is enough here (unlike passwords): the token has 256 bits of entropy.
 */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

/** SHA-256 of a token, hex (the `token_hash` columns). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A token as we issue them (43 base64url characters); anything else is rejected before any query. */
export const isWellFormedToken = (token: unknown): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token)

/** The form in which e-mails are compared and counted: trimmed, lower case. */
export const emailKey = (email: string): string => email.trim().toLowerCase()
