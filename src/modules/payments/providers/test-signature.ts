import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Signature of the test provider's webhooks, modelled on Stripe's scheme:
 * header `Lakou-Test-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "${t}.${rawBody}">`.
 * Signing the timestamp with the body stops an old delivery from being replayed later:
 * the receiver refuses a timestamp more than `toleranceSeconds` away from its clock.
 */
export const TEST_SIGNATURE_HEADER = 'lakou-test-signature'
export const SIGNATURE_TOLERANCE_SECONDS = 300

export function signTestPayload(secret: string, rawBody: string | Buffer, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')
}

export function testSignatureHeader(secret: string, rawBody: string | Buffer, timestamp: number): string {
  return `t=${timestamp},v1=${signTestPayload(secret, rawBody, timestamp)}`
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' }

/** Checks a header against the raw body; any v1 entry may match (secret rotation sends two). */
export function verifyTestSignature(secret: string, rawBody: string | Buffer, header: string | undefined, nowSeconds: number, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' }
  const parts = header.split(',').map((p) => p.trim().split('='))
  const t = parts.find(([k]) => k === 't')?.[1]
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v as string)
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed' }
  const timestamp = Number(t)
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' }
  const expected = Buffer.from(signTestPayload(secret, rawBody, timestamp), 'hex')
  // constant-time comparison: a byte-by-byte compare would leak how much of a forged signature is right
  const match = signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected))
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' }
}
