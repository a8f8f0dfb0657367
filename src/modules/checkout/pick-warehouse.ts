/**
 * Which warehouse ships a cart line to a zone. Stock lives in Guadeloupe (GP-JARRY, the
 * main stock and the producers' side) and in a mainland hub (FR-HUB) fed by sea freight:
 * a line leaves from the warehouse that serves the destination when it has the units and
 * may send that class there, else from the next one. Made-to-order goods (cut flowers)
 * are prepared where they are produced, so only a warehouse in their origin territory
 * ships them (DOMAIN.md §3.1, §6).
 */
export type WarehouseInfo = { code: string; territory: string; roles: readonly string[] }

export type PickLine = { quantity: number; madeToOrder: boolean; originTerritory: string | null; shippingClass: string }

export type PickResult =
  | { ok: true; warehouseCode: string; originTerritory: string }
  | { ok: false; code: 'CHECKOUT_OUT_OF_STOCK'; available: number }
  | { ok: false; code: 'SHIPPING_CLASS_NOT_FROM_ORIGIN' }

const ZONE_ROLE: Record<string, string> = { 'FR-MAINLAND': 'mainland_fulfilment', EU: 'eu_fulfilment', WORLD: 'export_consolidation' }

/** Warehouses in the order they are tried for a zone. */
export function warehousePreference(zone: string, warehouses: readonly WarehouseInfo[]): WarehouseInfo[] {
  const rank = (w: WarehouseInfo) => (w.territory === zone ? 0 : ZONE_ROLE[zone] && w.roles.includes(ZONE_ROLE[zone]) ? 1 : w.roles.includes('export_consolidation') ? 2 : 3)
  return [...warehouses].sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code))
}

export function pickWarehouse(input: {
  line: PickLine
  zone: string
  warehouses: readonly WarehouseInfo[]
  /** sellable units per warehouse code */
  available: ReadonlyMap<string, number>
  canShipFrom: (shippingClass: string, originTerritory: string, zone: string) => boolean
}): PickResult {
  const { line, zone } = input
  const candidates = warehousePreference(zone, input.warehouses).filter(
    (w) => (!line.madeToOrder || w.territory === line.originTerritory) && input.canShipFrom(line.shippingClass, w.territory, zone),
  )
  if (candidates.length === 0) return { ok: false, code: 'SHIPPING_CLASS_NOT_FROM_ORIGIN' }
  if (line.madeToOrder) return { ok: true, warehouseCode: candidates[0]!.code, originTerritory: candidates[0]!.territory }
  const stocked = candidates.find((w) => (input.available.get(w.code) ?? 0) >= line.quantity)
  if (stocked) return { ok: true, warehouseCode: stocked.code, originTerritory: stocked.territory }
  return { ok: false, code: 'CHECKOUT_OUT_OF_STOCK', available: Math.max(0, ...candidates.map((w) => input.available.get(w.code) ?? 0)) }
}
