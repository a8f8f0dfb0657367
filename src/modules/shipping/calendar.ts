import type { IsoDate } from './types.ts'

/**
 * Calendar arithmetic on plain dates. A date is a day number (days since 1970-01-01), so
 * adding days never meets a daylight-saving change; the only time-zone step is turning an
 * instant into the local date and minute of the warehouse (America/Guadeloupe, Europe/Paris).
 */
export type Day = number

const MS_PER_DAY = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()

/** The local calendar day and minute of the day of an instant in a time zone. */
export function localDayAndMinute(now: Date, timeZone: string): { day: Day; minute: number } {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  const parts = Object.fromEntries(f.formatToParts(now).map((p) => [p.type, p.value]))
  const day = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / MS_PER_DAY
  return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) }
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return ((((day + 3) % 7) + 7) % 7) + 1
}

export function toIsoDate(day: Day): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** 'YYYY-MM-DD' → day, or null when it is not a real calendar date. */
export function fromIsoDate(date: string): Day | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const ms = Date.parse(`${date}T00:00:00Z`)
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return null
  return ms / MS_PER_DAY
}

/** Days nobody works (public holidays); none by default. */
export type ClosedDays = (day: Day) => boolean
const NEVER_CLOSED: ClosedDays = () => false

/** The first day on or after `day` whose weekday is in `weekdays` and that is not a closed day. */
export function nextWeekdayIn(day: Day, weekdays: readonly number[], closed: ClosedDays = NEVER_CLOSED): Day {
  if (!weekdays.some((w) => w >= 1 && w <= 7)) throw new RangeError(`no weekday among ${weekdays.join(',')}`)
  for (let d = day; d < day + 60; d++) if (weekdays.includes(weekday(d)) && !closed(d)) return d
  throw new RangeError(`no open day among ${weekdays.join(',')} within 60 days`)
}

/**
 * Carrier transit days are "jours ouvrables" (Monday to Saturday), as French carriers state
 * them ("J+2"): Sundays and public holidays do not count.
 */
export function addTransitDays(day: Day, n: number, closed: ClosedDays = NEVER_CLOSED): Day {
  let d = day
  for (let left = n; left > 0; ) {
    d += 1
    if (weekday(d) !== 7 && !closed(d)) left -= 1
  }
  return d
}
