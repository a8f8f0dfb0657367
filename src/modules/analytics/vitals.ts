/**
 * Core Web Vitals are kept per day as histograms: value → bucket = floor(value / width), the last
 * bucket holding everything beyond. p75 is read from the cumulative counts, reported at the
 * bucket's middle (error ≤ width / 2: 5 ms for LCP, 2 ms for INP, 0.0005 for CLS).
 */
export const VITALS = ['LCP', 'INP', 'CLS'] as const
export type Vital = (typeof VITALS)[number]
export const BUCKET_WIDTH: Record<Vital, number> = { LCP: 10, INP: 4, CLS: 0.001 }
export const MAX_BUCKET = 6000

export const bucketOf = (metric: Vital, value: number): number => Math.min(MAX_BUCKET, Math.max(0, Math.floor(value / BUCKET_WIDTH[metric])))

/** SQL expression of the same bucket (the roll-up computes it in the database). */
export const bucketSql = (alias: string): string =>
  `least(${MAX_BUCKET}, greatest(0, floor(${alias}.metric_value / CASE ${alias}.metric WHEN 'LCP' THEN ${BUCKET_WIDTH.LCP} WHEN 'INP' THEN ${BUCKET_WIDTH.INP} ELSE ${BUCKET_WIDTH.CLS} END)))::int`

/** A percentile of a histogram (bucket → samples); null without samples. */
export function percentileOf(metric: Vital, histogram: ReadonlyMap<number, number>, p = 0.75): number | null {
  const buckets = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0])
  const total = buckets.reduce((a, [, n]) => a + n, 0)
  if (total === 0) return null
  const rank = Math.ceil(p * total)
  let seen = 0
  for (const [bucket, n] of buckets) {
    seen += n
    if (seen >= rank) return valueOfBucket(metric, bucket)
  }
  return null
}

/** The value a bucket reports: its middle (ms rounded to 1, CLS to 0.0001). */
export function valueOfBucket(metric: Vital, bucket: number): number {
  const v = (bucket + 0.5) * BUCKET_WIDTH[metric]
  return metric === 'CLS' ? Math.round(v * 10_000) / 10_000 : Math.round(v)
}

/**
 * The shop-wide tables (analytics_vitals) use buckets growing by 2.5 %: bucket b starts at
 * unit × (1.025^b − 1), so a p75 stays within ±1.25 % from 1 ms to minutes with a few hundred rows.
 */
export const GROWTH = 1.025
export const UNIT: Record<Vital, number> = { LCP: 1, INP: 1, CLS: 0.01 }

export const growingBucketOf = (metric: Vital, value: number): number => Math.max(0, Math.floor(Math.log(1 + value / UNIT[metric]) / Math.log(GROWTH)))

/** SQL of the same bucket for an events alias. */
export const growingBucketSql = (alias: string): string =>
  `greatest(0, floor(ln(1 + ${alias}.metric_value / CASE ${alias}.metric WHEN 'CLS' THEN ${UNIT.CLS} ELSE 1 END) / ln(${GROWTH})))::int`

/** The value a growing bucket reports: its geometric middle (ms rounded to 1, CLS to 0.0001). */
export function valueOfGrowingBucket(metric: Vital, bucket: number): number {
  const v = UNIT[metric] * (GROWTH ** (bucket + 0.5) - 1)
  return metric === 'CLS' ? Math.round(v * 10_000) / 10_000 : Math.round(v)
}
