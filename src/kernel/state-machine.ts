/**
 * A lifecycle as data: a transition table from state to the states it may go to
 * (Vendure's order process idea, without its framework). Use cases ask `canTransition`
 * and record each move; the table is also shown to staff as documentation.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>

export type TransitionCheck<S extends string> = { ok: true; from: S; to: S } | { ok: false; from: S; to: S; allowed: readonly S[] }

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): TransitionCheck<S> {
  const allowed = table[from]
  return allowed.includes(to) ? { ok: true, from, to } : { ok: false, from, to, allowed }
}

/** States that can no longer change. */
export function finalStates<S extends string>(table: TransitionTable<S>): S[] {
  return (Object.keys(table) as S[]).filter((s) => table[s].length === 0)
}

/** Every state reachable from `start` (for checking a table has no orphan state). */
export function reachableFrom<S extends string>(table: TransitionTable<S>, start: S): Set<S> {
  const seen = new Set<S>([start])
  const queue: S[] = [start]
  while (queue.length) {
    for (const next of table[queue.shift()!]) {
      if (!seen.has(next)) {
        seen.add(next)
        queue.push(next)
      }
    }
  }
  return seen
}
