import { z } from 'zod'

/** Calendar periods of the dashboards: days, ISO weeks (Monday first) and months, as 'YYYY-MM-DD' of their first day. */
export type Grain = 'day' | 'week' | 'month'

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'date invalide')

export const addDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** First day of the day, week or month holding `d`. */
export function periodStart(d: string, grain: Grain): string {
  if (grain === 'day') return d
  if (grain === 'month') return `${d.slice(0, 7)}-01`
  const weekday = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7
  return addDays(d, -weekday)
}

/** The period `n` periods after (or before, n < 0) the one starting on `start`. */
export function shiftPeriod(start: string, grain: Grain, n: number): string {
  if (grain === 'day') return addDays(start, n)
  if (grain === 'week') return addDays(start, 7 * n)
  const [y, m] = start.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 10)
}

/** Starts of the periods from the one holding `from` up to the one holding `to`. */
export function periodsBetween(from: string, to: string, grain: Grain): string[] {
  const out: string[] = []
  for (let p = periodStart(from, grain); p <= to; p = shiftPeriod(p, grain, 1)) out.push(p)
  return out
}
