/**
 * The picker's walk: locations are aisle-bay-level codes ('A-01-2', 'B-12-1'); the walk goes
 * aisle by aisle, bay by bay, level by level, comparing each part as a number when it is one
 * ('A-2' before 'A-10'). Lines without a location come last, then by SKU and lot so a printed
 * list is stable.
 */
export type Routable = { location: string | null; sku: string; lotCode: string }

const parts = (location: string): string[] => location.split('-')

function comparePart(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : null
  const nb = /^\d+$/.test(b) ? Number(b) : null
  if (na !== null && nb !== null) return na - nb
  if (na !== null) return -1
  if (nb !== null) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

export function compareLocations(a: string | null, b: string | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0)
  const pa = parts(a)
  const pb = parts(b)
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = comparePart(pa[i]!, pb[i]!)
    if (c !== 0) return c
  }
  return pa.length - pb.length
}

/** The lines in walking order (a new array). */
export function walkingOrder<T extends Routable>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => compareLocations(a.location, b.location) || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) || (a.lotCode < b.lotCode ? -1 : a.lotCode > b.lotCode ? 1 : 0))
}
