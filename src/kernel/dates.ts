/**
 * A calendar day as 'YYYY-MM-DD'. node-postgres turns a `date` column into a Date at local
 * midnight, so its local parts (not UTC ones) give back the stored day in any time zone.
 */
export function isoDay(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`
}
