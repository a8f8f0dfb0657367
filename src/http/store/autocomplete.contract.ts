import { z } from 'zod'
import type { Suggestion } from '../../modules/search/index.ts'
import { ErrorSchema, StoreScope } from './catalog.contract.ts'

export const AutocompleteQuery = z
  .object({
    q: z.string().describe('what the shopper has typed so far; the last word is a prefix, typos are corrected (at most 100 characters)'),
    limit: z.coerce.number().int().min(1).max(20).default(5).describe('suggestions of each kind (categories, producers, products)'),
    ...StoreScope,
  })
  .strict()

export const SuggestionSchema = z.object({
  kind: z.enum(['product', 'category', 'producer']),
  label: z.string(),
  path: z.string().describe("storefront path: /fr/p/<slug>, /fr/c/<parent>/<child>, /fr/producteurs/<slug> (/en/p/…, /en/c/…, /en/producers/… in English)"),
}) satisfies z.ZodType<Suggestion>

export const AutocompleteResponse = z.object({ query: z.string(), suggestions: z.array(SuggestionSchema) })

export const Autocomplete = {
  tags: ['search'],
  summary: 'Suggestions while typing: categories, producers and products sold in the market',
  description: 'An unusable q (over 100 characters, control characters or binary, or no letter or digit) answers 400 SEARCH_QUERY_INVALID. Cached for a minute.',
  querystring: AutocompleteQuery,
  response: { 200: AutocompleteResponse, 400: ErrorSchema },
}
