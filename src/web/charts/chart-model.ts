/**
 * What a chart shows, independent of how it is drawn: the SVG (render-chart.ts), the accessible
 * table under it (chart-figure.tsx) and its CSV download read the same model, so the three agree.
 * Values are in display units: rates in percent (2 decimals), money in euros, vitals in ms or score.
 */
export type ChartUnit = 'count' | 'percent' | 'euros' | 'ms' | 'score'
export type ChartKind = 'line' | 'bar' | 'hbar' | 'funnel' | 'sparkline'

export type ChartSeries = {
  name: string
  values: (number | null)[]
  /** the previous period, drawn dashed and grey */
  previous?: boolean
}

export type ChartModel = {
  /** stable id, used in the CSV URL (?chart=<id>) */
  id: string
  title: string
  /** one sentence saying what is measured and how (figcaption, SVG <desc>) */
  description: string
  kind: ChartKind
  unit: ChartUnit
  /** the x axis (periods) or the categories (channels, devices, funnel steps) */
  categoryLabel: string
  categories: string[]
  series: ChartSeries[]
  /** horizontal reference lines, e.g. the "good" Core Web Vitals thresholds */
  thresholds?: { label: string; value: number }[]
  /** extra columns for the table and CSV only (e.g. drop-off % of a funnel step) */
  extra?: { name: string; unit: ChartUnit; values: (number | null)[] }[]
}

/** Half away from zero to 2 decimals (display values only; money is rounded in cents elsewhere). */
const round2 = (v: number): number => Math.sign(v) * Math.round(Math.abs(v) * 100) / 100

/** A 0…1 ratio as a percentage with 2 decimals; null stays null (nothing to divide by). */
export const percent = (ratio: number | null): number | null => (ratio === null ? null : round2(ratio * 100))
/** Integer cents as euros (exact: two decimals of an integer). */
export const eurosOf = (cents: number | null): number | null => (cents === null ? null : cents / 100)

const FR = (digits: number) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const INT = FR(0)
const DEC2 = FR(2)
const DEC3 = FR(3)

/** A value as the page shows it ("12,34 %", "1 234,50 €", "2 480 ms"). */
export function formatValue(unit: ChartUnit, v: number | null): string {
  if (v === null) return '—'
  switch (unit) {
    case 'percent': return `${DEC2.format(v)} %`
    case 'euros': return `${DEC2.format(v)} €`
    case 'ms': return `${INT.format(v)} ms`
    case 'score': return DEC3.format(v)
    default: return INT.format(v)
  }
}

/** The unit's short name for table and CSV headers. */
export const UNIT_SUFFIX: Record<ChartUnit, string> = { count: '', percent: ' (%)', euros: ' (€)', ms: ' (ms)', score: '' }
