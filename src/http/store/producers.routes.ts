import type { App } from '../types.ts'
import { notFound } from '../../kernel/errors.ts'
import { getProducerDetail } from '../../modules/catalog/index.ts'
import { listProducers } from '../../modules/producers/index.ts'
import { GetProducer, ListProducers } from './producers.contract.ts'
import { cacheForAMinute, storeCtx } from './store-ctx.ts'

/** GET /api/store/producers and /api/store/producers/:slug */
export function registerProducerRoutes(app: App): void {
  app.get('/api/store/producers', { schema: ListProducers }, async (req, reply) => {
    const featured = req.query.featured === undefined ? undefined : req.query.featured === 'true'
    const items = await listProducers(storeCtx(req, req.query), { featured })
    return cacheForAMinute(reply).send({ items })
  })

  app.get('/api/store/producers/:slug', { schema: GetProducer }, async (req, reply) => {
    const producer = await getProducerDetail(storeCtx(req, req.query), req.params.slug)
    if (!producer) throw notFound('producer')
    return cacheForAMinute(reply).send(producer)
  })
}
