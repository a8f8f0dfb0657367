import { z } from 'zod'
import { CategoryNodeSchema, ErrorSchema, StoreScope } from './catalog.contract.ts'

export const ListCategoriesQuery = z.object({ ...StoreScope }).strict()

export const ListCategories = {
  tags: ['catalog'],
  summary: 'The category tree with paths per language and product counts in the market',
  querystring: ListCategoriesQuery,
  response: { 200: z.object({ items: z.array(CategoryNodeSchema) }), 400: ErrorSchema },
}
