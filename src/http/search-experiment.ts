import type { FastifyRequest } from 'fastify'
import type { Ctx } from '../kernel/ctx.ts'
import { CONSENT_COOKIE, SESSION_COOKIE, VISITOR_COOKIE } from '../modules/analytics/index.ts'
import { exposureRows, searchRankingExperimentRunning, searchRankingFor, visitOf, type Assignment, type ExperimentVisit } from '../modules/experiments/index.ts'
import type { SearchRanking } from '../modules/search/index.ts'

export type SearchExperiment = { ranking: SearchRanking; visit: ExperimentVisit; shown: Assignment | null }

/**
 * The visitor's ranking when a test runs and the request asks for relevance on a query, else null
 * (the default order), for the HTML search page and the Store API alike. How a Store API client is identified for a running `search_ranking` test: exactly as the HTML
 * search page does it, by the site's first-party cookies (`lakou_consent` + `lakou_vid` once the
 * shopper accepted measurement, `lakou_sid` for the visit), else the day's pseudonym of the
 * address and User-Agent. A browser calling the API on the site sends them by itself; a headless
 * front end forwards the shopper's Cookie and User-Agent headers. No header of its own: an id a
 * client could pick freely would bypass the consent the cookie records (documented: search.contract.ts).
 */
export async function searchExperiment(req: FastifyRequest, ctx: Ctx, q: { q?: string | undefined; sort: string }): Promise<SearchExperiment | null> {
  if (!q.q?.trim() || q.sort !== 'relevance' || !(await searchRankingExperimentRunning(ctx))) return null
  const visit = await visitOf(ctx.db, {
    consentCookie: req.cookies[CONSENT_COOKIE], visitorCookie: req.cookies[VISITOR_COOKIE], sessionCookie: req.cookies[SESSION_COOKIE],
    ip: req.ip, userAgent: req.headers['user-agent'], market: ctx.market, locale: ctx.locale,
  }, new Date())
  const r = await searchRankingFor(ctx, visit)
  return { ranking: r.ranking, visit, shown: r.shown }
}

/** The exposure, once results are actually listed in the test's order (more than one: an order to see). */
export function recordSearchExposure(req: FastifyRequest, x: SearchExperiment | null, listed: number): void {
  if (!x?.shown || listed <= 1) return
  req.server.eventQueue.push(exposureRows(req.ctx.db, x.visit, [x.shown], { path: req.url.split('?')[0] ?? req.url, pageType: 'search' }))
}
