import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * A guest reaches their order through a link carrying HMAC(secret, order id): nothing to
 * store, nothing to guess, and it cannot be turned into another order's link.
 */
export function orderAccessToken(secret: string, orderId: string): string {
  return createHmac('sha256', secret).update(`order:${orderId}`).digest('base64url')
}

export function checkOrderAccessToken(secret: string, orderId: string, token: string | null | undefined): boolean {
  if (!token) return false
  const want = Buffer.from(orderAccessToken(secret, orderId))
  const got = Buffer.from(token)
  return got.length === want.length && timingSafeEqual(got, want)
}
