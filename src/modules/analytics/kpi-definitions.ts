import { divRound } from '../../kernel/money.ts'

/** Sums read from the daily roll-up (analytics_daily) for one period and one breakdown key. */
export type KpiSums = {
  sessions: number
  bounces: number
  pageViews: number
  listingViews: number
  listingClicks: number
  productViews: number
  searches: number
  zeroResultSearches: number
  searchSessions: number
  searchExits: number
  addToCarts: number
  cartSessions: number
  checkoutSessions: number
  orderSessions: number
  cartOrderSessions: number
  orders: number
  revenueCents: number
}
export const SUM_COLUMNS: Record<keyof KpiSums, string> = {
  sessions: 'sessions', bounces: 'bounces', pageViews: 'page_views', listingViews: 'listing_views', listingClicks: 'listing_clicks',
  productViews: 'product_views', searches: 'searches', zeroResultSearches: 'zero_result_searches', searchSessions: 'search_sessions',
  searchExits: 'search_exits', addToCarts: 'add_to_carts', cartSessions: 'cart_sessions', checkoutSessions: 'checkout_sessions',
  orderSessions: 'order_sessions', cartOrderSessions: 'cart_order_sessions', orders: 'orders', revenueCents: 'revenue_cents',
}
export const emptySums = (): KpiSums => Object.fromEntries(Object.keys(SUM_COLUMNS).map((k) => [k, 0])) as KpiSums
/** The SELECT list summing every column of analytics_daily (grouped queries). */
export const SUMS_SELECT = Object.values(SUM_COLUMNS).map((c) => `sum(${c})::bigint AS ${c}`).join(', ')
/** Adds a row of SUMS_SELECT into `into`. */
export function addSums(into: KpiSums, row: Record<string, unknown>): KpiSums {
  for (const [name, col] of Object.entries(SUM_COLUMNS)) into[name as keyof KpiSums] += Number(row[col] ?? 0)
  return into
}

export type Vitals = { lcpP75: number | null; inpP75: number | null; clsP75: number | null }
export const NO_VITALS: Vitals = { lcpP75: null, inpP75: null, clsP75: null }

/** Every KPI of the shop, defined once. Rates are ratios 0…1, null when nothing to divide by. */
export type Kpis = {
  sessions: number
  /** sessions of one page and nothing else / sessions */
  bounceRate: number | null
  /** product views reached from a listing (category, collection, search) / listing page views */
  clickThroughRate: number | null
  /** sessions with an add to cart / sessions */
  addToCartRate: number | null
  /** sessions with an order / sessions */
  conversionRate: number | null
  /** sessions that added to cart without ordering / sessions that added to cart */
  cartAbandonmentRate: number | null
  orders: number
  revenueCents: number
  /** revenue / orders, cents (the one rounding rule) */
  averageOrderValueCents: number | null
  /** paid orders whose buyer (same customer account or e-mail) had paid an order before / paid orders; null where orders cannot be split so */
  repeatPurchaseRate: number | null
  /** sessions that left from a search results page / sessions that searched */
  searchExitRate: number | null
  /** searches without result / searches */
  zeroResultRate: number | null
} & Vitals

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null)

/** Paid orders of a period (from the orders table, not the events) and those of returning buyers. */
export type PaidOrders = { orders: number; repeatOrders: number }

export function kpisOf(s: KpiSums, paid: PaidOrders | null, vitals: Vitals): Kpis {
  return {
    sessions: s.sessions,
    bounceRate: ratio(s.bounces, s.sessions),
    clickThroughRate: ratio(s.listingClicks, s.listingViews),
    addToCartRate: ratio(s.cartSessions, s.sessions),
    conversionRate: ratio(s.orderSessions, s.sessions),
    cartAbandonmentRate: ratio(s.cartSessions - s.cartOrderSessions, s.cartSessions),
    orders: s.orders,
    revenueCents: s.revenueCents,
    averageOrderValueCents: s.orders > 0 ? divRound(s.revenueCents, s.orders) : null,
    repeatPurchaseRate: paid ? ratio(paid.repeatOrders, paid.orders) : null,
    searchExitRate: ratio(s.searchExits, s.searchSessions),
    zeroResultRate: ratio(s.zeroResultSearches, s.searches),
    ...vitals,
  }
}
