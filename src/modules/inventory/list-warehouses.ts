import type { Ctx } from '../../kernel/ctx.ts'
import { ttlCache } from '../../kernel/ttl-cache.ts'
import { inventoryDb } from './tables.ts'

export type WarehouseSummary = { code: string; name: string; territory: string; roles: string[] }

/** The warehouses (reference data, cached a minute). */
export async function listWarehouses(ctx: Ctx): Promise<WarehouseSummary[]> {
  return cache.get(ctx.db, 'all', async () => {
    const rows = await inventoryDb(ctx.db).selectFrom('warehouses').select(['code', 'name', 'territory_code', 'roles']).orderBy('code').execute()
    return rows.map((r) => ({ code: r.code, name: r.name, territory: r.territory_code, roles: r.roles }))
  })
}
const cache = ttlCache<WarehouseSummary[]>(60_000)
