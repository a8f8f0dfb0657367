export { Beacon, BeaconEvent, MAX_BEACON_BYTES, MAX_EVENTS_PER_BEACON, LISTING_PAGE_TYPES } from './beacon.ts'
export { channelOf, CHANNELS, type Channel, type Utm } from './channel.ts'
export {
  CONSENT_COOKIE, VISITOR_COOKIE, SESSION_COOKIE, CONSENT_MAX_AGE_SECONDS, VISITOR_MAX_AGE_SECONDS, SESSION_IDLE_SECONDS,
  consentCookieValue, readConsent, newVisitorId, newSessionId, VISITOR_ID, SESSION_ID, type ConsentChoice,
} from './consent.ts'
export { dailySalt } from './daily-salt.ts'
export { createEventQueue, type EventQueue, type EventQueueOptions } from './event-queue.ts'
export { eventRows, referrerHostOf, type Visit } from './event-rows.ts'
export { insertEvents } from './insert-events.ts'
export { analyticsJobs, ANALYTICS_ROLLUP_JOB, ANALYTICS_ROLLUP_EVERY_SECONDS } from './jobs.ts'
export { computeKpis, KpiQuery, type KpiReport, type KpiRow, type Kpis } from './kpis.ts'
export { withOrderValues } from './order-values.ts'
export { purgeAnalytics } from './purge.ts'
export { createRateLimiter, type RateLimiter } from './rate-limiter.ts'
export { rollUpEvents, type RollupResult } from './rollup.ts'
export type { EventRow, EventType } from './tables.ts'
export { dailyVisitorId, deviceOf, isBotAgent, truncateIp, type Device } from './visitor.ts'
