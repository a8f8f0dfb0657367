import { z } from 'zod'

/**
 * What the page script sends (src/web/storefront/assets/events.js): at most 20 events per beacon,
 * each with its age in milliseconds (the server's clock dates it, never the browser's).
 * Unknown types, unknown fields' shapes and oversize values are refused, not trimmed.
 */
export const MAX_EVENTS_PER_BEACON = 20
export const MAX_BEACON_BYTES = 8 * 1024
export const LISTING_PAGE_TYPES = ['category', 'collection', 'search'] as const

const pageType = z.string().regex(/^[a-z_]{1,32}$/)
const short = (max: number) => z.string().max(max)
const base = {
  ago: z.number().int().min(0).max(30 * 60_000).default(0),
  path: z.string().max(300).regex(/^\/[^\s]*$/),
  pt: pageType.optional(),
  loc: z.enum(['fr', 'en']).optional(),
}
const utm = z.object({ source: short(100), medium: short(100), campaign: short(100), content: short(100), term: short(100) }).partial()

export const BeaconEvent = z.discriminatedUnion('t', [
  z.object({ t: z.literal('page_view'), ...base, ref: z.string().max(2000).optional(), utm: utm.optional() }),
  z.object({ t: z.literal('product_view'), ...base, product: short(64).min(1), from: pageType.optional() }),
  z.object({ t: z.literal('search'), ...base, q: short(100), n: z.number().int().min(0).max(1_000_000) }),
  z.object({ t: z.literal('add_to_cart'), ...base, product: short(64).optional() }),
  z.object({ t: z.literal('checkout_step'), ...base, step: z.enum(['cart', 'address', 'shipping', 'payment']) }),
  z.object({ t: z.literal('order'), ...base, order: z.string().regex(/^ord_[0-9A-Z]{26}$/) }),
  z.object({ t: z.literal('web_vital'), ...base, metric: z.enum(['LCP', 'INP', 'CLS']), value: z.number().min(0).max(600_000) }),
  z.object({ t: z.literal('experiment_exposure'), ...base, exp: z.string().regex(/^[a-z0-9_-]{1,64}$/), variant: z.string().regex(/^[a-z0-9_-]{1,64}$/) }),
])
export type BeaconEvent = z.infer<typeof BeaconEvent>

export const Beacon = z.object({
  sid: z.string().max(64).optional(),
  events: z.array(BeaconEvent).min(1).max(MAX_EVENTS_PER_BEACON),
})
export type Beacon = z.infer<typeof Beacon>
