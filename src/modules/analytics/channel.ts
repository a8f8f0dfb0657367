/**
 * Marketing channel of a visit from its referrer host and campaign (UTM) parameters: UTM first
 * (they are our own campaign links), then the referrer's kind, else direct. One pure function so
 * the roll-up, the tests and the back office agree on every label.
 */
export const CHANNELS = ['direct', 'seo', 'sea', 'social', 'paid_social', 'email', 'influencer', 'affiliate', 'referral', 'display'] as const
export type Channel = (typeof CHANNELS)[number]

export type Utm = { source?: string | null | undefined; medium?: string | null | undefined; campaign?: string | null | undefined }

const SEARCH_ENGINES = /(^|\.)(google|bing|duckduckgo|qwant|ecosia|yahoo|yandex|baidu|startpage|lilo|ask)\.[a-z.]+$|^search\.brave\.com$/
const SOCIAL = /(^|\.)(facebook\.com|fb\.com|fb\.me|instagram\.com|t\.co|twitter\.com|x\.com|linkedin\.com|lnkd\.in|pinterest\.[a-z.]+|pin\.it|tiktok\.com|youtube\.com|youtu\.be|reddit\.com|snapchat\.com|threads\.net|whatsapp\.com|wa\.me|bsky\.app|mastodon\.[a-z.]+)$/
const WEBMAIL = /^(mail\.google\.com|outlook\.live\.com|outlook\.office(365)?\.com|mail\.yahoo\.com|webmail\..+|mail\.proton\.me|.*\.mail\.ovh\.net|mail\.orange\.fr|zimbra\.free\.fr)$/

const PAID_SEARCH = new Set(['cpc', 'ppc', 'paid', 'paidsearch', 'paid_search', 'paid-search', 'sea', 'adwords'])
const EMAIL = new Set(['email', 'e-mail', 'mail', 'newsletter'])
const SOCIAL_MEDIUM = new Set(['social', 'social-media', 'social_media', 'sm', 'organic_social', 'social-network'])
const PAID_SOCIAL = new Set(['paid_social', 'paid-social', 'paidsocial', 'social_paid', 'social-ads'])
const INFLUENCER = new Set(['influencer', 'influenceur', 'influence', 'creator', 'ambassador'])
const DISPLAY = new Set(['display', 'banner', 'cpm', 'programmatic'])
const SOCIAL_SOURCE = /^(facebook|fb|instagram|ig|twitter|x|linkedin|pinterest|tiktok|youtube|reddit|snapchat|threads|whatsapp|meta)$/

const norm = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase()

/** The channel of one visit; `referrerHost` is another site's host (our own is dropped before). */
export function channelOf(referrerHost: string | null | undefined, utm: Utm = {}): Channel {
  const medium = norm(utm.medium)
  const source = norm(utm.source)
  if (medium || source) {
    if (INFLUENCER.has(medium) || INFLUENCER.has(source)) return 'influencer'
    if (PAID_SOCIAL.has(medium)) return 'paid_social'
    if (PAID_SEARCH.has(medium)) return SOCIAL_SOURCE.test(source) ? 'paid_social' : 'sea'
    if (EMAIL.has(medium) || EMAIL.has(source)) return 'email'
    if (SOCIAL_MEDIUM.has(medium)) return 'social'
    if (medium === 'affiliate' || medium === 'affiliation' || medium === 'partner') return 'affiliate'
    if (DISPLAY.has(medium)) return 'display'
    if (medium === 'organic') return 'seo'
    if (medium === 'referral') return 'referral'
    if (SOCIAL_SOURCE.test(source)) return 'social'
    // an unknown medium: fall through to the referrer, which says more than a guess
  }
  const host = norm(referrerHost).replace(/^www\./, '')
  if (!host) return medium || source ? 'referral' : 'direct'
  if (WEBMAIL.test(host)) return 'email' // before search engines: mail.google.com is not Google search
  if (SEARCH_ENGINES.test(host)) return 'seo'
  if (SOCIAL.test(host)) return 'social'
  return 'referral'
}
