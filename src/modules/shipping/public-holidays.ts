import { fromIsoDate, toIsoDate, type Day } from './calendar.ts'

/**
 * French public holidays ("jours fériés", C. trav. L3133-1), when depots and carriers do not
 * work: nothing leaves, travels or is delivered on them. Guadeloupe and Martinique add the
 * commemoration of the abolition of slavery (27 May in GP, 22 May in MQ, décret 83-1003) and
 * Good Friday; Guadeloupe also keeps Victor Schœlcher day (21 July). ⚠ Local customary days
 * (Mardi gras, Mercredi des Cendres, Mi-Carême) are not legal holidays and are not listed.
 */
const NATIONAL_FIXED = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25']
const LOCAL_FIXED: Readonly<Record<string, readonly string[]>> = { GP: ['05-27', '07-21'], MQ: ['05-22'] }
const LOCAL_GOOD_FRIDAY = new Set(['GP', 'MQ'])

/** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Day {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return Date.UTC(year, month - 1, day) / 86_400_000
}

const cache = new Map<string, ReadonlySet<Day>>()

/** The public holidays of a year in the given territories (national ones always). */
export function publicHolidays(year: number, territories: readonly string[]): ReadonlySet<Day> {
  const key = `${year}|${[...territories].sort().join(',')}`
  const hit = cache.get(key)
  if (hit) return hit
  const days = new Set<Day>()
  const add = (mmdd: string) => days.add(fromIsoDate(`${year}-${mmdd}`)!)
  NATIONAL_FIXED.forEach(add)
  const easter = easterSunday(year)
  for (const offset of [1, 39, 50]) days.add(easter + offset) // Easter Monday, Ascension, Whit Monday
  for (const t of territories) {
    LOCAL_FIXED[t]?.forEach(add)
    if (LOCAL_GOOD_FRIDAY.has(t)) days.add(easter - 2)
  }
  cache.set(key, days)
  return days
}

/** A predicate for the calendar functions: is this day a holiday in one of the territories? */
export function holidayChecker(territories: readonly string[]): (day: Day) => boolean {
  return (day) => publicHolidays(Number(toIsoDate(day).slice(0, 4)), territories).has(day)
}
