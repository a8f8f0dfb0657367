import type { Ctx } from '../../kernel/ctx.ts'
import type { SearchRanking } from '../search/index.ts'
import { experimentFor, type Assignment } from './experiment-for.ts'
import { RANKINGS } from './rules.ts'
import { runningExperiments } from './running.ts'
import type { ExperimentVisit } from './visit.ts'

/** Whether a search-ranking test runs (else the search page need not resolve the visitor). */
export async function searchRankingExperimentRunning(ctx: Ctx): Promise<boolean> {
  for (const e of (await runningExperiments(ctx.db)).values()) if (e.surface === 'search_ranking') return true
  return false
}

/** The visitor's ranking of search results, and the assignment to record as exposed once the results are shown. */
export async function searchRankingFor(ctx: Ctx, visit: ExperimentVisit): Promise<{ ranking: SearchRanking; shown: Assignment | null }> {
  const e = [...(await runningExperiments(ctx.db)).values()].find((x) => x.surface === 'search_ranking')
  if (!e) return { ranking: 'default', shown: null }
  const a = await experimentFor(ctx.db, visit, e.key, ctx.now)
  const r = a.config.ranking
  return { ranking: (RANKINGS as readonly unknown[]).includes(r) ? (r as SearchRanking) : 'default', shown: a }
}
