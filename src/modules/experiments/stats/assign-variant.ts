/**
 * Deterministic assignment: the same visitor always sees the same variant of an experiment, in
 * every process and release, with no stored state. SHA-256 of "experimentKey:visitorId" (UTF-8);
 * the first 4 bytes as a big-endian unsigned integer u; bucket = ⌊u · 10000 / 2³²⌋ ∈ [0, 10000).
 * Variants own consecutive bucket ranges in the order given, sized by weight (percent, summing to
 * 100, at most 2 decimals: 1 bucket = 0.01 %). Different experiment keys hash independently, so
 * assignments of concurrent experiments are uncorrelated.
 */
import { createHash } from 'node:crypto'

export const BUCKETS = 10_000

export type WeightedVariant = { key: string; weight: number }

export function bucketOf(experimentKey: string, visitorId: string): number {
  if (!experimentKey || !visitorId) throw new RangeError('experimentKey and visitorId must be non-empty')
  const digest = createHash('sha256').update(`${experimentKey}:${visitorId}`, 'utf8').digest()
  return Math.floor((digest.readUInt32BE(0) * BUCKETS) / 2 ** 32)
}

/** Bucket ranges [start, end) per variant; throws unless the weights are valid percents summing to 100. */
export function bucketRanges(variants: readonly WeightedVariant[]): { key: string; start: number; end: number }[] {
  if (variants.length < 2) throw new RangeError('an experiment needs at least 2 variants')
  const keys = new Set<string>()
  let start = 0
  const ranges = variants.map((v, i) => {
    if (!v.key) throw new RangeError(`variants[${i}].key must be non-empty`)
    if (keys.has(v.key)) throw new RangeError(`variant key "${v.key}" appears twice`)
    keys.add(v.key)
    const size = Math.round(v.weight * 100)
    if (!(v.weight >= 0) || Math.abs(size - v.weight * 100) > 1e-6) throw new RangeError(`variants[${i}].weight must be a percent ≥ 0 with at most 2 decimals, got ${v.weight}`)
    const range = { key: v.key, start, end: start + size }
    start += size
    return range
  })
  if (start !== BUCKETS) throw new RangeError(`variant weights must sum to 100, got ${start / 100}`)
  return ranges
}

export function assignVariant(experimentKey: string, visitorId: string, variants: readonly WeightedVariant[]): string {
  const ranges = bucketRanges(variants)
  const bucket = bucketOf(experimentKey, visitorId)
  return ranges.find((r) => bucket >= r.start && bucket < r.end)!.key
}
