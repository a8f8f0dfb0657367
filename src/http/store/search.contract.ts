import { z } from 'zod'
import { CategoryKey, ErrorSchema, Page, PerPage, ProducerKey, ProductCardSchema, StoreScope } from './catalog.contract.ts'

/** A comma-separated filter ('a,b'): each value checked by `item`, at most 20 of them. */
const listOf = (item: z.ZodString, what: string) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(item).max(20))
    .optional()
    .describe(`${what}, comma-separated`)

const Cents = z.coerce.number().int().min(0).max(100_000_000)

export const SearchQuery = z
  .object({
    ...StoreScope,
    q: z.string().max(200).optional().describe('free text; absent or empty lists the catalogue with facets'),
    category: listOf(CategoryKey, "category paths in the request's language or ids (a category includes its sub-categories)"),
    producer: listOf(ProducerKey, 'producer slugs or ids'),
    commune: listOf(z.string().min(1).max(80).regex(/^[\p{L}\p{M}' -]+$/u, 'a commune name'), "origin communes as shown in facets ('Capesterre-Belle-Eau')"),
    label: listOf(z.string().min(1).max(40).regex(/^[A-Z0-9_]+$/, 'a label code'), "label codes ('AB_BIO'); products carry all of them"),
    price_min: Cents.optional().describe('lowest retail price in cents, tax included'),
    price_max: Cents.optional().describe('highest retail price in cents, tax included'),
    in_stock: z.enum(['true', 'false']).optional().describe('true: only products that can be ordered now'),
    sort: z.enum(['relevance', 'price_asc', 'price_desc', 'newest']).default('relevance'),
    page: Page,
    per_page: PerPage,
  })
  .strict()
  .refine((q) => q.price_min === undefined || q.price_max === undefined || q.price_min <= q.price_max, {
    message: 'price_min must not exceed price_max',
    path: ['price_min'],
  })

const FacetValueSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int(), selected: z.boolean() })

export const FacetsSchema = z.object({
  category: z.array(FacetValueSchema),
  producer: z.array(FacetValueSchema),
  commune: z.array(FacetValueSchema),
  label: z.array(FacetValueSchema),
  price: z.array(FacetValueSchema).describe("price buckets, value 'min-max' in cents ('0-1000', '5000-')"),
  inStock: z.object({ count: z.number().int(), selected: z.boolean() }),
})

export const SearchResponse = z.union([
  z.object({
    items: z.array(ProductCardSchema),
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
    pageCount: z.number().int(),
    facets: FacetsSchema,
    correctedQuery: z.string().nullable().describe("the query actually run after typo correction ('rhim' → 'rhum'), when it differs"),
  }),
  z.object({ redirect: z.string().describe('a merchandising rule sends this query to a page: follow this site path') }),
])

/** How the API identifies a visitor for a running search-ranking test (search-experiment.ts). */
export const SEARCH_VISITOR_DOC = 'Relevance order may follow a running search-ranking A/B test. The visitor is identified as on the '
  + 'HTML search page, by the first-party cookies lakou_consent + lakou_vid (consented) and lakou_sid (the visit), else by a pseudonym '
  + 'of the day (address and User-Agent): browsers send them by themselves, a headless front end forwards the shopper\'s Cookie and '
  + 'User-Agent headers. While a test applies the answer is private to the visitor (Cache-Control: private).'

export const SearchProducts = {
  tags: ['search'],
  summary: 'Full-text search with typo tolerance, facets and merchandising rules',
  description: SEARCH_VISITOR_DOC,
  querystring: SearchQuery,
  response: { 200: SearchResponse, 400: ErrorSchema, 404: ErrorSchema },
}
