import type { Locale } from '../../kernel/ctx.ts'
import type { Beacon, BeaconEvent } from './beacon.ts'
import { channelOf } from './channel.ts'
import type { EventRow } from './tables.ts'
import type { Device } from './visitor.ts'

/** Who sent a beacon, as the server established it (cookies, user agent, market cookie). */
export type Visit = {
  now: Date
  visitorId: string
  sessionId: string
  consent: boolean
  device: Device
  market: string
  locale: Locale
  /** our own hosts (lower case): a referrer from them is internal navigation, not a source */
  ownHosts: ReadonlySet<string>
}

/** Another site's host from a full referrer URL; the path and query are never kept. */
export function referrerHostOf(referrer: string | undefined, ownHosts: ReadonlySet<string>): string | null {
  if (!referrer) return null
  try {
    const u = new URL(referrer)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
    const host = u.hostname.toLowerCase()
    return ownHosts.has(host) ? null : host.slice(0, 255)
  } catch {
    return null
  }
}

const clean = (s: string | undefined): string | null => {
  const v = s?.trim()
  return v ? v : null
}

/** Rows of a validated beacon; order values are filled afterwards from the orders themselves. */
export function eventRows(beacon: Beacon, visit: Visit): EventRow[] {
  return beacon.events.map((e) => rowOf(e, visit))
}

function rowOf(e: BeaconEvent, v: Visit): EventRow {
  const pageView = e.t === 'page_view' ? e : null
  const referrerHost = pageView ? referrerHostOf(pageView.ref, v.ownHosts) : null
  const utm = pageView?.utm ?? {}
  return {
    occurred_at: new Date(v.now.getTime() - e.ago),
    received_at: v.now,
    type: e.t,
    visitor_id: v.visitorId,
    session_id: v.sessionId,
    consent: v.consent,
    device: v.device,
    market: v.market,
    locale: e.loc ?? v.locale,
    path: e.path,
    page_type: e.pt ?? null,
    from_page_type: e.t === 'product_view' ? (e.from ?? null) : null,
    referrer_host: referrerHost,
    utm_source: clean(utm.source),
    utm_medium: clean(utm.medium),
    utm_campaign: clean(utm.campaign),
    utm_content: clean(utm.content),
    utm_term: clean(utm.term),
    // only a page view carries where the visit came from; later events of the page are internal
    channel: pageView ? channelOf(referrerHost, { source: utm.source, medium: utm.medium }) : 'direct',
    product_id: e.t === 'product_view' || e.t === 'add_to_cart' ? (e.product ?? null) : null,
    query: e.t === 'search' ? e.q.trim().toLowerCase() : null,
    result_count: e.t === 'search' ? e.n : null,
    order_id: e.t === 'order' ? e.order : null,
    value_cents: null,
    step: e.t === 'checkout_step' ? e.step : null,
    metric: e.t === 'web_vital' ? e.metric : null,
    metric_value: e.t === 'web_vital' ? e.value : null,
    experiment_key: e.t === 'experiment_exposure' ? e.exp : null,
    variant_key: e.t === 'experiment_exposure' ? e.variant : null,
  }
}
