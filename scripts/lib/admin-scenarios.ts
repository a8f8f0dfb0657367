import { sql } from 'kysely'
import type { Ctx } from '../../src/kernel/ctx.ts'
import { listAdminProducts } from '../../src/modules/catalog/index.ts'
import { listDocuments } from '../../src/modules/invoicing/index.ts'
import { searchOrders } from '../../src/modules/orders/index.ts'

// The back-office scenarios of scripts/bench-admin.ts. Each run of a scenario takes the next
// input of its rotation (pages, words, numbers, e-mails, categories sampled from the data set),
// so the measure is not one cached plan on one hot page. run() returns the rows it got.

export type Scenario = { name: string; group: 'products' | 'orders' | 'invoices'; run: (ctx: Ctx, i: number) => Promise<number> }

const at = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!

/** Words a merchandiser types: kinds, flavours, places, a misspelling-free mix, and parts of SKUs. */
const PRODUCT_WORDS = ['rhum', 'karukera', 'confiture goyave', 'vanille', 'soufriere', 'cafe moulu', 'coffret', 'miel', 'piment', 'anthurium',
  'rhum vieux xo', 'mangue', 'bouquet', 'caravelle', 'sirop', 'punch coco', 'desirade', 'colombo', 'heliconia', 'nougat']
/** Parts of customers' names as staff type them (accents dropped, partial, first and last names). */
const NAME_PARTS = ['lefev', 'jean-bapt', 'celestine', 'dupont', 'marie martin', 'ozier', 'belair', 'helene', 'zamor', 'theodore',
  'francois bernard', 'guerin', 'magloire', 'placide', 'chloe', 'rousseau', 'narcisse', 'laguerre', 'maelle', 'borromee']

export async function adminScenarios(ctx: Ctx): Promise<Scenario[]> {
  const sample = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(ctx.db)).rows
  const categories = (await sample(sql<{ id: string }>`select id from categories order by code`)).map((r) => r.id)
  const numbers = (await sample(sql<{ number: string }>`select number from orders tablesample system (0.05) limit 200`)).map((r) => r.number)
  const emails = (await sample(sql<{ email: string }>`select email from orders tablesample system (0.05) limit 200`)).map((r) => r.email)
  const skus = (await sample(sql<{ sku: string }>`select sku from product_variants tablesample system (1) limit 100`)).map((r) => r.sku)
  const newest = (await sample(sql<{ d: string }>`select to_char(max(placed_at), 'YYYY-MM-DD') as d from orders`))[0]!.d
  const day = (offset: number) => new Date(new Date(`${newest}T12:00:00Z`).getTime() - offset * 864e5).toISOString().slice(0, 10)
  const months = Array.from({ length: 20 }, (_, k) => ({ from: day(30 * k + 30), to: day(30 * k) }))

  const products = (name: string, input: (i: number) => Parameters<typeof listAdminProducts>[1]): Scenario =>
    ({ name, group: 'products', run: async (c, i) => (await listAdminProducts(c, input(i))).rows.length })
  const orders = (name: string, input: (i: number) => Parameters<typeof searchOrders>[1]): Scenario =>
    ({ name, group: 'orders', run: async (c, i) => (await searchOrders(c, input(i))).rows.length })
  const invoices = (name: string, input: (i: number) => Parameters<typeof listDocuments>[1]): Scenario =>
    ({ name, group: 'invoices', run: async (c, i) => (await listDocuments(c, input(i))).rows.length })

  return [
    products('products: default (last updated), pages 1-5', (i) => ({ page: 1 + (i % 5) })),
    products('products: text search (name, handle)', (i) => ({ q: at(PRODUCT_WORDS, i) })),
    products('products: exact SKU', (i) => ({ q: at(skus, i).toLowerCase() })),
    products('products: category (with sub-categories)', (i) => ({ categoryId: at(categories, i) })),
    products('products: status draft, by name', () => ({ status: 'DRAFT', sort: 'name' })),
    products('products: by price asc/desc, pages 1-3', (i) => ({ sort: 'price', dir: i % 2 ? 'desc' : 'asc', page: 1 + (i % 3) })),
    products('products: category by price', (i) => ({ categoryId: at(categories, i), sort: 'price' })),
    orders('orders: by number (exact)', (i) => ({ q: at(numbers, i) })),
    orders('orders: by number prefix', (i) => ({ q: at(numbers, i).slice(0, 7) })),
    orders('orders: by e-mail (exact)', (i) => ({ q: at(emails, i).toUpperCase() })),
    orders('orders: by e-mail prefix', (i) => ({ q: at(emails, i).slice(0, 6 + (i % 4)) })),
    orders('orders: by partial name', (i) => ({ q: at(NAME_PARTS, i) })),
    orders('orders: status + a month', (i) => ({ statuses: [at(['delivered', 'cancelled', 'refunded', 'shipped'] as const, i)], ...at(months, i) })),
    orders('orders: default (newest), pages 1-3', (i) => ({ page: 1 + (i % 3) })),
    orders('orders: by total, market GP', () => ({ sort: 'total', market: 'GP' })),
    invoices('invoices: default (newest)', (i) => ({ page: 1 + (i % 3) })),
    invoices('invoices: a month', (i) => at(months, i)),
    invoices('invoices: number / order number prefix', (i) => (i % 2 ? { number: `F-${newest.slice(0, 4)}-0001${i % 10}` } : { orderNumber: at(numbers, i).slice(0, 8) })),
    invoices('credit notes: default', () => ({ kind: 'credit_note' })),
  ]
}
