import { createHash } from 'node:crypto'
import type { Db } from '../../kernel/db/client.ts'
import {
  dailySalt, dailyVisitorId, deviceOf, isBotAgent, readConsent, SESSION_ID, SESSION_IDLE_SECONDS, VISITOR_ID, type Device,
} from '../analytics/index.ts'

/** Who is looking at a storefront page, for assignment, targeting and exposures. */
export type ExperimentVisit = {
  visitorId: string
  sessionId: string
  consent: boolean
  device: Device
  market: string
  locale: 'fr' | 'en'
  bot: boolean
}

/** The request facts the resolution reads (cookies by name: lakou_consent, lakou_vid, lakou_sid). */
export type VisitFacts = {
  consentCookie: string | undefined
  visitorCookie: string | undefined
  sessionCookie: string | undefined
  ip: string
  userAgent: string | undefined
  market: string
  locale: 'fr' | 'en'
}

/**
 * The same visitor id the events collector gives this request (http/analytics/events.routes.ts,
 * whose resolution is not exported): the consented `lakou_vid`, else today's pseudonym of the
 * truncated address and agent. The session: the page script's `lakou_sid`, else the collector's
 * fallback (one per visitor per half hour). Keep the two in step.
 */
export async function visitOf(db: Db, f: VisitFacts, now: Date): Promise<ExperimentVisit> {
  const consented = readConsent(f.consentCookie, now) === 'granted' && !!f.visitorCookie && VISITOR_ID.test(f.visitorCookie)
  const visitorId = consented ? f.visitorCookie! : dailyVisitorId(await dailySalt(db, now), f.ip, f.userAgent)
  const sessionId = f.sessionCookie && SESSION_ID.test(f.sessionCookie)
    ? f.sessionCookie
    : `s_${createHash('sha256').update(`${visitorId}|${Math.floor(now.getTime() / (SESSION_IDLE_SECONDS * 1000))}`).digest('base64url').slice(0, 22)}`
  return { visitorId, sessionId, consent: consented, device: deviceOf(f.userAgent), market: f.market, locale: f.locale, bot: isBotAgent(f.userAgent) }
}
