import { z } from 'zod'
import { ErrorSchema, ProducerPageSchema, ProducerSummarySchema, Slug, StoreScope } from './catalog.contract.ts'

export const ListProducersQuery = z
  .object({ ...StoreScope, featured: z.enum(['true', 'false']).optional().describe('only featured (true) or only other (false) producers') })
  .strict()

export const ListProducers = {
  tags: ['catalog'],
  summary: 'The producer directory (active producers, by name)',
  querystring: ListProducersQuery,
  response: { 200: z.object({ items: z.array(ProducerSummarySchema) }), 400: ErrorSchema },
}

export const GetProducer = {
  tags: ['catalog'],
  summary: 'One producer with its labels and the ids of its products on sale in the market',
  params: z.object({ slug: Slug }).strict(),
  querystring: z.object({ ...StoreScope }).strict(),
  response: { 200: ProducerPageSchema, 400: ErrorSchema, 404: ErrorSchema },
}
