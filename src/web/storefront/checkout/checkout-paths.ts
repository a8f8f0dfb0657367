import type { Locale } from '../../../kernel/ctx.ts'

/**
 * URLs of the cart, checkout and order pages in each language (/fr/panier ↔ /en/cart).
 * Routes and views share them so a link can never point at a page that does not exist.
 */
const fr = (l: Locale) => l === 'fr'

export const checkoutPaths = {
  cart: (l: Locale) => (fr(l) ? '/fr/panier' : '/en/cart'),
  cartAdd: (l: Locale) => (fr(l) ? '/fr/panier/ajouter' : '/en/cart/add'),
  cartUpdate: (l: Locale) => (fr(l) ? '/fr/panier/modifier' : '/en/cart/update'),
  cartRemove: (l: Locale) => (fr(l) ? '/fr/panier/retirer' : '/en/cart/remove'),
  cartPromo: (l: Locale) => (fr(l) ? '/fr/panier/code-promo' : '/en/cart/promo'),
  address: (l: Locale) => (fr(l) ? '/fr/commande/adresse' : '/en/checkout/address'),
  shipping: (l: Locale) => (fr(l) ? '/fr/commande/livraison' : '/en/checkout/shipping'),
  payment: (l: Locale) => (fr(l) ? '/fr/commande/paiement' : '/en/checkout/payment'),
  checkoutPromo: (l: Locale) => (fr(l) ? '/fr/commande/code-promo' : '/en/checkout/promo'),
  confirmation: (l: Locale, orderId: string) => (fr(l) ? `/fr/commande/${orderId}/confirmation` : `/en/checkout/${orderId}/confirmation`),
  order: (l: Locale, orderId: string) => (fr(l) ? `/fr/commandes/${orderId}` : `/en/orders/${orderId}`),
  orderPay: (l: Locale, orderId: string) => `${checkoutPaths.order(l, orderId)}/${fr(l) ? 'paiement' : 'payment'}`,
  orderCancel: (l: Locale, orderId: string) => `${checkoutPaths.order(l, orderId)}/${fr(l) ? 'annuler' : 'cancel'}`,
  orderWithdraw: (l: Locale, orderId: string) => `${checkoutPaths.order(l, orderId)}/${fr(l) ? 'retractation' : 'withdrawal'}`,
  orderWithdrawReceipt: (l: Locale, orderId: string) => `${checkoutPaths.order(l, orderId)}/${fr(l) ? 'retractation/accuse' : 'withdrawal/receipt'}`,
  invoice: (l: Locale, orderId: string) => `${checkoutPaths.order(l, orderId)}/${fr(l) ? 'facture.pdf' : 'invoice.pdf'}`,
}

/** A guest's signed link: the page path with `?t=<token>` (nothing for a signed-in owner). */
export function withToken(path: string, token: string | null, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...(token ? { t: token } : {}), ...extra }).toString()
  return q ? `${path}?${q}` : path
}
