import { z } from 'zod'
import { CategoryKey, ErrorSchema, Page, PerPage, ProducerKey, ProductCardSchema, ProductDetailSchema, Slug, StoreScope } from './catalog.contract.ts'

export const ListProductsQuery = z
  .object({
    ...StoreScope,
    category: CategoryKey.optional().describe("category path in the request's language ('rhums/rhums-vieux') or id; includes sub-categories"),
    producer: ProducerKey.optional().describe('producer slug or id'),
    sort: z.enum(['newest', 'price_asc', 'price_desc', 'name']).default('newest'),
    page: Page,
    per_page: PerPage,
  })
  .strict()

export const ProductListResponse = z.object({
  items: z.array(ProductCardSchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  pageCount: z.number().int(),
})

export const ListProducts = {
  tags: ['catalog'],
  summary: 'Product tiles on sale in the market, filtered, sorted and paginated',
  querystring: ListProductsQuery,
  response: { 200: ProductListResponse, 400: ErrorSchema, 404: ErrorSchema },
}

export const GetProductParams = z.object({ slug: Slug.describe("the product's slug in the request's language") }).strict()
export const GetProductQuery = z.object({ ...StoreScope }).strict()

export const GetProduct = {
  tags: ['catalog'],
  summary: 'One product with its variants, prices in the market, stock, food information',
  params: GetProductParams,
  querystring: GetProductQuery,
  response: { 200: ProductDetailSchema, 400: ErrorSchema, 404: ErrorSchema },
}
