import type { Db } from '../../kernel/db/client.ts'
import { deviceOf, isBotAgent, resolveSessionId, resolveVisitor, type Device, type VisitorFacts } from '../analytics/index.ts'

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
export type VisitFacts = VisitorFacts & {
  sessionCookie: string | undefined
  market: string
  locale: 'fr' | 'en'
}

/**
 * The visitor and session the events collector gives this request (analytics' resolveVisitor and
 * resolveSessionId, shared with http/analytics/events.routes.ts), with device, market and locale.
 */
export async function visitOf(db: Db, f: VisitFacts, now: Date): Promise<ExperimentVisit> {
  const { visitorId, consent } = await resolveVisitor(db, f, now)
  const sessionId = resolveSessionId(f.sessionCookie, visitorId, now)
  return { visitorId, sessionId, consent, device: deviceOf(f.userAgent), market: f.market, locale: f.locale, bot: isBotAgent(f.userAgent) }
}
