import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Seals a small secret (a TOTP key) for storage with AES-256-GCM under a key derived from
 * APP_SECRET (HKDF, one key per purpose): a copy of the database alone opens nothing.
 * Format: v1.<iv>.<tag>.<ciphertext>, base64url parts.
 */
const keyFor = (appSecret: string, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', appSecret, 'lakou-seal', purpose, 32))

export function sealSecret(appSecret: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFor(appSecret, purpose), iv)
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
}

/** The plaintext, or null when the value was not sealed with this secret and purpose (or was tampered with). */
export function openSecret(appSecret: string, purpose: string, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || body === undefined) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(appSecret, purpose), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
