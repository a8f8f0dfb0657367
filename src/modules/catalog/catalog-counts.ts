import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

export type CatalogCounts = { active: number; draft: number; archived: number; activeWithoutImage: number; activeOutOfStock: number }

/** Counts of the catalogue for the back-office home pages (one statement). */
export async function catalogCounts(ctx: Ctx): Promise<CatalogCounts> {
  const r = await sql<{ active: string; draft: string; archived: string; no_image: string; no_stock: string }>`
    SELECT count(*) FILTER (WHERE p.status = 'ACTIVE') AS active,
           count(*) FILTER (WHERE p.status = 'DRAFT') AS draft,
           count(*) FILTER (WHERE p.status = 'ARCHIVED') AS archived,
           count(*) FILTER (WHERE p.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM product_images i WHERE i.product_id = p.id)) AS no_image,
           count(*) FILTER (WHERE p.status = 'ACTIVE' AND NOT EXISTS (
             SELECT 1 FROM product_variants v JOIN stock_levels s ON s.variant_id = v.id
              WHERE v.product_id = p.id AND s.on_hand - s.reserved - s.allocated > 0)) AS no_stock
      FROM products p`.execute(ctx.db)
  const row = r.rows[0]!
  return { active: Number(row.active), draft: Number(row.draft), archived: Number(row.archived), activeWithoutImage: Number(row.no_image), activeOutOfStock: Number(row.no_stock) }
}
