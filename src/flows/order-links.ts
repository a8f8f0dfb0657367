import { orderAccessToken } from '../modules/orders/index.ts'

/** The guest's signed link to an order page. */
export function orderUrl(publicUrl: string, secret: string, orderId: string, locale: 'fr' | 'en'): string {
  const path = locale === 'fr' ? `/fr/commandes/${orderId}` : `/en/orders/${orderId}`
  return `${publicUrl}${path}?t=${orderAccessToken(secret, orderId)}`
}
