import { addTransitDays, fromIsoDate, localDayAndMinute, nextWeekdayIn, toIsoDate, weekday, type ClosedDays, type Day } from './calendar.ts'
import type { DeliveryPromise, IsoDate, ShippingOption } from './types.ts'

/**
 * When a parcel arrives (DOMAIN §6): the order is handled the day it is placed when it comes
 * before the origin's cut-off (local time of the warehouse), the next day otherwise; then
 * the handling days; the parcel leaves on the first day the depot ships; the carrier adds
 * its transit days (Monday to Saturday); it is delivered on the first delivery weekday.
 * Public holidays of the origin and the destination (`closed`) are skipped at every stage.
 */
export type Schedule = {
  timezone: string
  cutoffMinute: number
  handlingDays: number
  shipWeekdays: readonly number[]
  transitDaysMin: number
  transitDaysMax: number
  deliveryWeekdays: readonly number[]
  /** public holidays where the parcel leaves, travels or arrives */
  closed?: ClosedDays
}

/** Consumer law (C. consom. L216-1): delivery at the stated date, or within 30 days of the order. */
export const MAX_PROMISE_DAYS = 30

/** The order day in the origin's local time and the first day the parcel can leave. */
export function earliestDispatch(s: Schedule, now: Date): { today: Day; dispatch: Day } {
  const { day: today, minute } = localDayAndMinute(now, s.timezone)
  const start = minute < s.cutoffMinute ? today : today + 1
  return { today, dispatch: nextWeekdayIn(start + s.handlingDays, s.shipWeekdays, s.closed) }
}

/** Earliest and latest delivery dates, and the order day they count from. */
export function deliveryPromise(s: Schedule, now: Date): DeliveryPromise & { today: Day; fromDay: Day; toDay: Day } {
  const { today, dispatch } = earliestDispatch(s, now)
  const fromDay = nextWeekdayIn(addTransitDays(dispatch, s.transitDaysMin, s.closed), s.deliveryWeekdays, s.closed)
  const toDay = nextWeekdayIn(addTransitDays(dispatch, s.transitDaysMax, s.closed), s.deliveryWeekdays, s.closed)
  return { from: toIsoDate(fromDay), to: toIsoDate(toDay), today, fromDay, toDay }
}

/**
 * The delivery dates a shopper may pick for fresh flowers, up to 30 days ahead. A date D is
 * offered when a parcel leaving on a ship day S reaches it in the carrier's longest transit
 * (so it arrives by D whatever the carrier does) without a Sunday on the way (no weekend in a
 * depot for chill-sensitive flowers), and D is a delivery weekday.
 */
export function flowerDeliveryDates(s: Schedule, now: Date, horizonDays = MAX_PROMISE_DAYS): IsoDate[] {
  const { today, dispatch } = earliestDispatch(s, now)
  const last = today + horizonDays
  const dates: IsoDate[] = []
  for (let ship = dispatch; ship <= last; ship++) {
    if (!s.shipWeekdays.includes(weekday(ship)) || s.closed?.(ship)) continue
    const arrive = addTransitDays(ship, s.transitDaysMax, s.closed)
    if (arrive > last) break
    // consecutive working days only: no Sunday nor holiday with the flowers in a depot
    if (arrive - ship !== s.transitDaysMax) continue
    if (s.deliveryWeekdays.includes(weekday(arrive)) && !s.closed?.(arrive)) dates.push(toIsoDate(arrive))
  }
  return dates
}

export type DeliveryDateCheck =
  | { ok: true; date: IsoDate | null }
  | { ok: false; code: 'SHIPPING_DATE_REQUIRED' | 'SHIPPING_DATE_NOT_ALLOWED'; params: { date: string | null; allowed: IsoDate[] } }

/** Checks the date a shopper picked against an option: required for flowers, refused otherwise. */
export function checkDeliveryDate(option: Pick<ShippingOption, 'deliveryDates'>, date: string | null | undefined): DeliveryDateCheck {
  const allowed = option.deliveryDates
  if (allowed === null) return date ? { ok: false, code: 'SHIPPING_DATE_NOT_ALLOWED', params: { date, allowed: [] } } : { ok: true, date: null }
  if (!date) return { ok: false, code: 'SHIPPING_DATE_REQUIRED', params: { date: null, allowed } }
  if (fromIsoDate(date) === null || !allowed.includes(date)) return { ok: false, code: 'SHIPPING_DATE_NOT_ALLOWED', params: { date, allowed } }
  return { ok: true, date }
}
