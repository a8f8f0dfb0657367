import { slugify } from '../../kernel/text.ts'

const BATCH = 20

/**
 * The first of `base`, `base-2`, `base-3`… that `taken` does not report, asking for candidates
 * in batches (one indexed `= ANY` query each) rather than one at a time.
 */
export async function firstFreeSlug(base: string, taken: (candidates: string[]) => Promise<Set<string>>): Promise<string> {
  for (let start = 1; ; start += BATCH) {
    const candidates = Array.from({ length: BATCH }, (_, i) => (start + i === 1 ? base : `${base}-${start + i}`))
    const used = await taken(candidates)
    const free = candidates.find((c) => !used.has(c))
    if (free) return free
  }
}

/** A slug made from a name: accents stripped, lowercase, dashes ("Café moulu" → "cafe-moulu"). */
export const slugFromName = (name: string): string => slugify(name)
