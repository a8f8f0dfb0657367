import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/**
 * A product named the way the team names it in a form: its id, handle, a variant's SKU, or its
 * French or English slug (case-insensitive). Null when nothing matches. Each branch is on a
 * unique index.
 */
export async function findProductByRef(ctx: Ctx, ref: string): Promise<{ id: string; handle: string; nameFr: string } | null> {
  const r = ref.trim()
  if (!r || r.length > 200) return null
  const rows = await sql<{ id: string; handle: string; name_fr: string }>`
    SELECT p.id, p.handle, p.name_fr FROM products p
     WHERE p.id = ${r} OR p.handle = ${r} OR p.slug_fr = ${r.toLowerCase()} OR p.slug_en = ${r.toLowerCase()}
        OR p.id = (SELECT v.product_id FROM product_variants v WHERE v.sku = ${r} OR v.sku = ${r.toUpperCase()} LIMIT 1)
     LIMIT 1`.execute(ctx.db)
  const row = rows.rows[0]
  return row ? { id: row.id, handle: row.handle, nameFr: row.name_fr } : null
}
