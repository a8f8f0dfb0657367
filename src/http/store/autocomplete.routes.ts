import type { App } from '../types.ts'
import type { SearchEngine } from '../../modules/search/index.ts'
import { Autocomplete } from './autocomplete.contract.ts'
import { cacheForAMinute, storeCtx } from './store-ctx.ts'

/** GET /api/store/autocomplete?q=…&locale=fr|en: suggestions with their storefront paths. */
export function registerAutocompleteRoutes(app: App, engine: SearchEngine): void {
  app.get('/api/store/autocomplete', { schema: Autocomplete }, async (req, reply) => {
    const ctx = storeCtx(req, req.query)
    const suggestions = await engine.autocomplete(ctx, { prefix: req.query.q, locale: ctx.locale, market: ctx.market, limit: req.query.limit })
    return cacheForAMinute(reply).send({ query: req.query.q, suggestions })
  })
}
