import { randomBytes } from 'node:crypto'

/**
 * Consent rules (CNIL 2020 guidelines on cookies, sanctions of 2021-22):
 * - the choice is stored in `lakou_consent` (readable by the page script: it shows the banner when
 *   absent) for 6 months, then the banner asks again;
 * - refusing is one click, like accepting; the choice can be withdrawn from the footer link;
 * - with consent only: a random first-party visitor id `lakou_vid`, kept 13 months, for returning
 *   visitors and experiment stickiness. Refusal or withdrawal deletes it.
 */
export const CONSENT_COOKIE = 'lakou_consent'
export const VISITOR_COOKIE = 'lakou_vid'
export const SESSION_COOKIE = 'lakou_sid'
export const CONSENT_MAX_AGE_SECONDS = 182 * 24 * 3600
export const VISITOR_MAX_AGE_SECONDS = 395 * 24 * 3600
export const SESSION_IDLE_SECONDS = 30 * 60

export type ConsentChoice = 'granted' | 'denied'

/** Cookie value: the choice and the day it was made (`granted.2026-11-30`). */
export function consentCookieValue(choice: ConsentChoice, now: Date): string {
  return `${choice}.${now.toISOString().slice(0, 10)}`
}

/** The stored choice, or null when none (or unreadable, or older than 6 months: ask again). */
export function readConsent(cookie: string | undefined, now: Date): ConsentChoice | null {
  const m = /^(granted|denied)\.(\d{4}-\d{2}-\d{2})$/.exec(cookie ?? '')
  if (!m) return null
  const age = now.getTime() - Date.parse(`${m[2]}T00:00:00Z`)
  if (!(age >= -86_400_000 && age <= CONSENT_MAX_AGE_SECONDS * 1000)) return null
  return m[1] as ConsentChoice
}

export const newVisitorId = (): string => `v_${randomBytes(16).toString('base64url')}`
export const VISITOR_ID = /^v_[A-Za-z0-9_-]{22}$/
export const SESSION_ID = /^s_[A-Za-z0-9_-]{10,40}$/
export const newSessionId = (): string => `s_${randomBytes(12).toString('base64url')}`
