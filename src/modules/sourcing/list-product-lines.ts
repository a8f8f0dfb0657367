import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/** The product lines active producers declare ('rhum_vieux', 'vanille'…), sorted: the form's checkboxes. */
export async function listProductLines(ctx: Ctx): Promise<string[]> {
  const r = await sql<{ line: string }>`select distinct unnest(product_lines) as line from producers where status = 'ACTIVE' and kind = 'producer' order by 1`.execute(ctx.db)
  return r.rows.map((x) => x.line)
}
