/** One criterion of the grid with the producer's score on it (null: not scored yet). */
export type ScoredCriterion = { code: string; weight: number; maxScore: number; score: number | null }

/**
 * The weighted total out of 100: each criterion counts weight × score / max, over the sum of
 * the weights (the grid's weights add up to 100, but a grid edited in the table need not).
 * Unscored criteria count 0; `complete` says whether every criterion was scored.
 */
export function weightedTotal(criteria: readonly ScoredCriterion[]): { total: number; complete: boolean; scored: number } {
  const weights = criteria.reduce((s, c) => s + c.weight, 0)
  const points = criteria.reduce((s, c) => s + (c.score === null ? 0 : (c.weight * c.score) / c.maxScore), 0)
  const scored = criteria.filter((c) => c.score !== null).length
  // a display figure, not money: one decimal
  const total = weights === 0 ? 0 : Math.round((points * 1000) / weights) / 10
  return { total, complete: scored === criteria.length, scored }
}
