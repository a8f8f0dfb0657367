import { createHash, createHmac } from 'node:crypto'
import { isbot } from 'isbot'
import type { Db } from '../../kernel/db/client.ts'
import { readConsent, SESSION_ID, SESSION_IDLE_SECONDS, VISITOR_ID } from './consent.ts'
import { dailySalt } from './daily-salt.ts'

export type Device = 'mobile' | 'tablet' | 'desktop'

/** Device class from the user agent (tablets first: iPad and Android without "Mobile"). */
export function deviceOf(userAgent: string | undefined): Device {
  const ua = userAgent ?? ''
  if (/iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i.test(ua)) return 'tablet'
  if (/Mobi|iPhone|iPod|Android|Windows Phone|Opera Mini/i.test(ua)) return 'mobile'
  return 'desktop'
}

// isbot's pattern is long; agents repeat a lot (one per browser version), so answers are remembered
const known = new Map<string, boolean>()

/** Crawlers, monitors, HTTP libraries and headless browsers (isbot's list; an empty agent is a bot too). */
export function isBotAgent(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.length < 8) return true
  let bot = known.get(userAgent)
  if (bot === undefined) {
    bot = isbot(userAgent)
    if (known.size >= 5000) known.clear()
    known.set(userAgent, bot)
  }
  return bot
}

/** IPv4 /24, IPv6 /48: enough to tell households apart for a day, never one device. Never stored. */
export function truncateIp(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip)
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0`
  const groups = ip.split(':')
  return `${groups.slice(0, 3).join(':')}::`
}

/**
 * The visitor pseudonym without consent (CNIL audience-measurement exemption): HMAC of the truncated
 * IP and the user agent under the day's random salt. One day's visits group; the salt is deleted
 * after the day, so nobody (us included) can link two days nor recompute it from an address.
 */
export function dailyVisitorId(salt: string, ip: string, userAgent: string | undefined): string {
  return `d_${createHmac('sha256', salt).update(`${truncateIp(ip)}|${userAgent ?? ''}`).digest('base64url').slice(0, 27)}`
}

/** What the visitor resolution reads of a request: the lakou_consent and lakou_vid cookies, address and agent. */
export type VisitorFacts = { consentCookie: string | undefined; visitorCookie: string | undefined; ip: string; userAgent: string | undefined }

/**
 * Who is visiting, the one rule for the collector and the experiments: the consented random id
 * (`lakou_vid`), else today's pseudonym of the truncated address and agent.
 */
export async function resolveVisitor(db: Db, f: VisitorFacts, now: Date): Promise<{ visitorId: string; consent: boolean }> {
  const vid = f.visitorCookie
  if (readConsent(f.consentCookie, now) === 'granted' && vid && VISITOR_ID.test(vid)) return { visitorId: vid, consent: true }
  return { visitorId: dailyVisitorId(await dailySalt(db, now), f.ip, f.userAgent), consent: false }
}

/** The page's session id when well-formed, else one per visitor per half hour (first beacon refused its cookie). */
export function resolveSessionId(sessionId: string | undefined, visitorId: string, now: Date): string {
  if (sessionId && SESSION_ID.test(sessionId)) return sessionId
  return `s_${createHash('sha256').update(`${visitorId}|${Math.floor(now.getTime() / (SESSION_IDLE_SECONDS * 1000))}`).digest('base64url').slice(0, 22)}`
}
