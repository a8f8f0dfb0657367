/**
 * A calendar day as 'YYYY-MM-DD'. node-postgres turns a `date` column into a Date at local
 * midnight, so its local parts (not UTC ones) give back the stored day in any time zone.
 */
export function isoDay(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()
/** The calendar day ('YYYY-MM-DD') of an instant in a time zone (IANA name, e.g. 'America/Guadeloupe'). */
export function dayIn(instant: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone)
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })))
  return f.format(instant)
}
