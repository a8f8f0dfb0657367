import { z } from 'zod'
import type { ListingState } from '../../web/storefront/listing.ts'

// Zod contracts of the storefront pages' path and query parameters. A value that does not
// fit (page=abc, sort=foo, a 300-character slug) is a 400 friendly page, never a 500.
// Unknown parameters (utm_source, fbclid…) are ignored: marketing links must keep working.

const slug = z.string().min(1).max(120).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)

export const SlugParams = z.object({ slug })
export const CategoryParams = z.object({ top: slug, child: slug.optional() })

const values = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(20)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))

export const ListingQuery = z.object({
  q: z.string().max(100).optional(),
  category: values,
  producer: values,
  commune: values,
  label: values,
  price: z.union([z.literal(''), z.string().regex(/^\d{1,9}-\d{0,9}$/)]).optional(),
  in_stock: z.enum(['1', 'true', '']).optional(),
  sort: z.enum(['relevance', 'price_asc', 'price_desc', 'newest']).default('relevance'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
})
export type ListingQueryInput = z.infer<typeof ListingQuery>

/** The parsed query as the views' listing state. */
export function listingState(q: ListingQueryInput): ListingState {
  return {
    ...(q.q?.trim() ? { q: q.q.trim() } : {}),
    category: q.category,
    producer: q.producer,
    commune: q.commune,
    label: q.label,
    ...(q.price ? { price: q.price } : {}),
    inStock: q.in_stock === '1' || q.in_stock === 'true',
    sort: q.sort,
    page: q.page,
  }
}
