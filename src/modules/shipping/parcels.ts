/**
 * Splits a shipment into parcels: first-fit decreasing on packed unit weights, within the
 * carrier's maximum parcel weight and a class's maximum units per parcel (six bottles per
 * carton). Deterministic: the same cart always gives the same parcels, hence the same price.
 */
export type PackItem = {
  /** packed weight of one unit (gross weight + protective packing) */
  unitWeightG: number
  quantity: number
  /** units of the same limitGroup share maxUnitsPerParcel (BOTTLE: 6) */
  limitGroup: string | null
  maxUnitsPerParcel: number | null
}

export type Parcel = { weightG: number; units: number }
export type PackResult = { ok: true; parcels: Parcel[] } | { ok: false; unitWeightG: number; maxParcelWeightG: number }

type OpenParcel = Parcel & { byGroup: Map<string, number> }

export function packParcels(items: readonly PackItem[], maxParcelWeightG: number): PackResult {
  const heaviest = items.reduce((m, i) => Math.max(m, i.unitWeightG), 0)
  if (heaviest > maxParcelWeightG) return { ok: false, unitWeightG: heaviest, maxParcelWeightG }
  const sorted = [...items].sort((a, b) => b.unitWeightG - a.unitWeightG)
  const parcels: OpenParcel[] = []
  for (const item of sorted) {
    for (let n = 0; n < item.quantity; n++) {
      const fits = (p: OpenParcel) =>
        p.weightG + item.unitWeightG <= maxParcelWeightG &&
        (item.limitGroup === null || item.maxUnitsPerParcel === null || (p.byGroup.get(item.limitGroup) ?? 0) < item.maxUnitsPerParcel)
      let parcel = parcels.find(fits)
      if (!parcel) {
        parcel = { weightG: 0, units: 0, byGroup: new Map() }
        parcels.push(parcel)
      }
      parcel.weightG += item.unitWeightG
      parcel.units += 1
      if (item.limitGroup !== null) parcel.byGroup.set(item.limitGroup, (parcel.byGroup.get(item.limitGroup) ?? 0) + 1)
    }
  }
  return { ok: true, parcels: parcels.map(({ weightG, units }) => ({ weightG, units })) }
}

/**
 * Price of a shipment: each parcel at the first weight bracket that holds it; nothing when
 * the order's goods reach the rate's free-shipping threshold. null when a parcel is heavier
 * than the last bracket (the rate cannot carry it).
 */
export function priceParcels(
  parcels: readonly Parcel[],
  brackets: readonly { maxWeightG: number; priceGross: number }[],
  freeAboveGross: number | null,
  goodsGross: number,
): number | null {
  let total = 0
  for (const p of parcels) {
    const bracket = brackets.find((b) => p.weightG <= b.maxWeightG)
    if (!bracket) return null
    total += bracket.priceGross
  }
  return freeAboveGross !== null && goodsGross >= freeAboveGross ? 0 : total
}
