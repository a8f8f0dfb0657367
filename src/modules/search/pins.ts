/**
 * Where pinned products land in the full result list: each pin at its 1-based slot, a later pin
 * on a taken slot moves down one, and pins past the end of the list close it (Algolia's
 * "promote" behaves the same). Returns 0-based indexes, in pin order.
 */
export function pinSlots(pins: { productId: string; position: number }[], total: number): Map<string, number> {
  const sorted = [...pins].sort((a, b) => a.position - b.position)
  const slots: number[] = []
  for (const p of sorted) slots.push(Math.max(p.position - 1, (slots.at(-1) ?? -1) + 1))
  for (let i = slots.length - 1; i >= 0; i--) slots[i] = Math.min(slots[i]!, total - (slots.length - i))
  return new Map(sorted.map((p, i) => [p.productId, slots[i]!]))
}

/**
 * Merges pinned products into one page. `unpinned` is the ordered window of the other results
 * starting at index `windowStart` of their own list; the page covers [start, start + perPage).
 */
export function mergePage(input: { start: number; perPage: number; total: number; slots: Map<string, number>; unpinned: string[]; windowStart: number }): string[] {
  const bySlot = new Map([...input.slots].map(([id, slot]) => [slot, id]))
  const end = Math.min(input.start + input.perPage, input.total)
  let next = input.start - [...input.slots.values()].filter((s) => s < input.start).length - input.windowStart
  const out: string[] = []
  for (let i = input.start; i < end; i++) {
    const pinned = bySlot.get(i)
    if (pinned !== undefined) out.push(pinned)
    else if (next < input.unpinned.length) out.push(input.unpinned[next++]!)
  }
  return out
}
