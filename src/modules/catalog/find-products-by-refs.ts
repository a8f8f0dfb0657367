import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/**
 * Products named by handle or variant SKU (as typed in a list, one per line), in two indexed
 * queries whatever the list's length. Returns each ref's product id, or null when unknown.
 */
export async function findProductsByRefs(ctx: Ctx, refs: readonly string[]): Promise<Map<string, string | null>> {
  const wanted = [...new Set(refs.map((r) => r.trim()).filter((r) => r && r.length <= 200))]
  const out = new Map<string, string | null>(wanted.map((r) => [r, null]))
  if (!wanted.length) return out
  const byHandle = await sql<{ handle: string; id: string }>`select handle, id from products where handle = any(${wanted}::text[])`.execute(ctx.db)
  for (const r of byHandle.rows) out.set(r.handle, r.id)
  const rest = wanted.filter((r) => out.get(r) === null)
  if (rest.length) {
    const skus = rest.map((r) => r.toUpperCase())
    const bySku = await sql<{ sku: string; product_id: string }>`select sku, product_id from product_variants where sku = any(${skus}::text[])`.execute(ctx.db)
    const found = new Map(bySku.rows.map((r) => [r.sku, r.product_id]))
    for (const r of rest) out.set(r, found.get(r.toUpperCase()) ?? null)
  }
  return out
}
