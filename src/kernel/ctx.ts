import type { Db } from './db/client.ts'

export type Locale = 'fr' | 'en'
export const LOCALES: readonly Locale[] = ['fr', 'en']
export const DEFAULT_LOCALE: Locale = 'fr'

/** Territory code whose consumer price list applies ('FR-MAINLAND', 'GP'). */
export type Market = string
export const DEFAULT_MARKET: Market = 'FR-MAINLAND'

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  /** a signed-in shopper */
  | { kind: 'customer'; customerId: string }
  /** a member of the delegation team, signed in to the back office (roles: modules/staff/permissions.ts) */
  | { kind: 'staff'; staffId: string; email: string; roles: readonly string[] }

/**
 * What every use case receives first: the database (or the open transaction),
 * who acts, in which language and market, and the clock. Passed as an argument,
 * never read from a global.
 */
export type Ctx = Readonly<{
  db: Db
  actor: Actor
  locale: Locale
  market: Market
  currency: 'EUR'
  now: Date
  requestId: string
}>

export function systemCtx(db: Db, name: string, overrides: Partial<Ctx> = {}): Ctx {
  return { db, actor: { kind: 'system', name }, locale: DEFAULT_LOCALE, market: DEFAULT_MARKET, currency: 'EUR', now: new Date(), requestId: name, ...overrides }
}
