import { createHmac } from 'node:crypto'
import { isbot } from 'isbot'

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
