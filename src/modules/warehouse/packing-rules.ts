import { CLASS_RULES } from '../shipping/index.ts'

/**
 * What the packer must respect, from the shipping classes (shipping/class-rules.ts): bottles
 * travel in protective packing, at most `maxUnitsPerParcel` per parcel; fresh flowers leave
 * only on an express day (Monday to Wednesday when they cross to another territory) and never
 * for a delivery date already past. Pure: field → French message.
 */
export type PackingCheck = {
  bottles: number
  protectivePacking: boolean
  parcelCount: number
  /** null when the parcel holds no flowers */
  flowers: { deliveryDate: string | null; zone: string } | null
  /** the warehouse's local day ('YYYY-MM-DD') and weekday (0 = Sunday) */
  today: string
  weekday: number
}

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']

export function checkPacking(p: PackingCheck): Record<string, string> {
  const errors: Record<string, string> = {}
  if (p.bottles > 0) {
    const max = CLASS_RULES.BOTTLE.maxUnitsPerParcel ?? p.bottles
    const needed = Math.ceil(p.bottles / max)
    if (!p.protectivePacking) errors.protective = `Ce colis contient ${p.bottles} bouteille(s) : cochez l’emballage de protection (calage bouteille).`
    if (p.parcelCount < needed) errors.parcels = `${p.bottles} bouteille(s) à ${max} au plus par colis : il faut au moins ${needed} colis.`
  }
  if (p.flowers) {
    const rule = CLASS_RULES.FRESH_FLOWERS_EXPRESS
    if (p.flowers.deliveryDate && p.flowers.deliveryDate < p.today) errors.flowers = `La date de livraison des fleurs (${p.flowers.deliveryDate}) est passée : ce colis ne peut plus partir.`
    else if (p.flowers.zone !== 'GP' && rule.crossTerritoryShipWeekdays && !rule.crossTerritoryShipWeekdays.includes(p.weekday)) {
      errors.flowers = `Les fleurs ne quittent l’île que du lundi au mercredi en express : pas d’expédition un ${WEEKDAYS[p.weekday]}.`
    }
  }
  return errors
}

/** The local day and weekday in a time zone (the warehouse's). */
export function localDay(now: Date, timeZone: string): { today: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(now)
  const get = (t: string) => parts.find((x) => x.type === t)!.value
  const today = `${get('year')}-${get('month')}-${get('day')}`
  return { today, weekday: new Date(`${today}T12:00:00Z`).getUTCDay() }
}
