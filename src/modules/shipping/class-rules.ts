import type { ShippingClassCode, Zone } from './types.ts'

/**
 * What each shipping class of the catalogue demands of a shipment. Tariffs and calendars are
 * data (shipping_rates); these are rules that come from law and carriers, so they are code.
 */
export type ClassRule = {
  /** origin territory → zones the class may leave it for; 'ANY': wherever a method goes */
  routes: Readonly<Record<string, readonly Zone[]>> | 'ANY'
  /** only express methods (fresh flowers: chilling injury and vase life, DOMAIN §3.1) */
  expressOnly: boolean
  /** at most this many units in one parcel; null: weight decides */
  maxUnitsPerParcel: number | null
  /** protective packing added per unit, in grams; null: GLASS_PACKING_G for glass, else 0 */
  packingGPerUnit: number | null
  /** the shopper picks a delivery date (flowers are cut on order) */
  pickDate: boolean
  /** handling takes at least this many days (cutting flowers on order: one day) */
  minHandlingDays: number
  /** weekdays the depot may hand the class to a carrier for another territory; null: the rate's */
  crossTerritoryShipWeekdays: readonly number[] | null
  /** delivery weekdays per zone, intersected with the rate's; null: the rate's */
  deliveryWeekdays: Readonly<Partial<Record<Zone, readonly number[]>>> | null
}

/** Moulded cells for glass jars ("glass jars need cells", AMBIENT class notes). */
export const GLASS_PACKING_G = 60

const TUE_TO_FRI = [2, 3, 4, 5]
const TUE_TO_SAT = [2, 3, 4, 5, 6]

export const CLASS_RULES: Readonly<Record<ShippingClassCode, ClassRule>> = {
  // Alcoholic drinks are refused in international air postal parcels (UPU, DOMAIN §6), and a
  // B2C parcel GP → mainland would need customs formalities per parcel: rum reaches mainland
  // and EU shoppers from FR-HUB (stocked by sea freight), and GP shoppers (and MQ, one VAT and
  // customs area with GP, reached by Chronopost's inter-island road/sea network) from GP-JARRY.
  // One moulded cell per bottle, six cells per carton (packaging guidance [S7]).
  BOTTLE: {
    routes: { 'FR-MAINLAND': ['FR-MAINLAND', 'EU'], GP: ['GP', 'MQ'] },
    expressOnly: false,
    maxUnitsPerParcel: 6,
    packingGPerUnit: 150,
    pickDate: false,
    minHandlingDays: 0,
    crossTerritoryShipWeekdays: null,
    deliveryWeekdays: null,
  },
  AMBIENT: {
    routes: 'ANY',
    expressOnly: false,
    maxUnitsPerParcel: null,
    packingGPerUnit: null,
    pickDate: false,
    minHandlingDays: 0,
    crossTerritoryShipWeekdays: null,
    deliveryWeekdays: null,
  },
  // Cut on order in Guadeloupe, flown express; never a weekend in a carrier's depot, so they
  // leave the island Monday to Wednesday, and are delivered Tuesday to Friday in the mainland,
  // Tuesday to Saturday in the islands (DOMAIN §3.1, §6). The phytosanitary certificate (DAAF,
  // asked ≥ 48 h before departure) is requested per consolidated Monday–Wednesday consignment,
  // ahead of it, not per order: it adds no handling day to an order.
  FRESH_FLOWERS_EXPRESS: {
    routes: { GP: ['GP', 'MQ', 'FR-MAINLAND'] },
    expressOnly: true,
    maxUnitsPerParcel: null,
    packingGPerUnit: null,
    pickDate: true,
    minHandlingDays: 1,
    crossTerritoryShipWeekdays: [1, 2, 3],
    deliveryWeekdays: { 'FR-MAINLAND': TUE_TO_FRI, GP: TUE_TO_SAT, MQ: TUE_TO_SAT },
  },
  // Plants in growing medium: export not researched, local delivery only (DOMAIN §3.1).
  LIVE_PLANT_LOCAL: {
    routes: { GP: ['GP'] },
    expressOnly: false,
    maxUnitsPerParcel: null,
    packingGPerUnit: null,
    pickDate: false,
    minHandlingDays: 0,
    crossTerritoryShipWeekdays: null,
    deliveryWeekdays: null,
  },
}

/** The rule of a class; a class without a rule is a data error, never guessed. */
export function classRule(shippingClass: string): ClassRule {
  const rule = (CLASS_RULES as Record<string, ClassRule | undefined>)[shippingClass]
  if (!rule) throw new Error(`shipping class ${shippingClass} has no rule in class-rules.ts`)
  return rule
}

/** May goods of this class leave this origin territory for this zone? (The checkout picks warehouses with it.) */
export function canShipFrom(shippingClass: string, originTerritory: string, zone: string): boolean {
  const { routes } = classRule(shippingClass)
  if (routes === 'ANY') return true
  return (routes[originTerritory] ?? []).includes(zone as Zone)
}

/** Origins from which the class may reach the zone (to explain a refusal). */
export function originsFor(shippingClass: string, zone: string): string[] {
  const { routes } = classRule(shippingClass)
  if (routes === 'ANY') return []
  return Object.entries(routes).filter(([, zones]) => zones.includes(zone as Zone)).map(([origin]) => origin)
}

/** Weight of one unit as packed: its gross weight plus its protective packing. */
export function packedUnitWeightG(shippingClass: string, grossWeightG: number, glass: boolean): number {
  const rule = classRule(shippingClass)
  return grossWeightG + (rule.packingGPerUnit ?? (glass ? GLASS_PACKING_G : 0))
}
