import type { Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

export type PromoKind = 'PERCENT' | 'FIXED' | 'FREE_SHIPPING'

export type PromoCodesTable = {
  id: string
  code: string
  kind: PromoKind
  /** PERCENT: basis points; FIXED: cents; FREE_SHIPPING: 0 */
  value: number
  min_goods_gross: Generated<number>
  starts_at: Date
  ends_at: Date | null
  usage_limit: number | null
  used_count: Generated<number>
  per_customer_limit: number | null
  markets: Generated<string[]>
  active: Generated<boolean>
  label_fr: string | null
  label_en: string | null
  created_at: Generated<Date>
}

export type PromoRedemptionsTable = {
  id: string
  promo_id: string
  order_id: string
  customer_key: string
  redeemed_at: Generated<Date>
  released_at: Date | null
}

export type PromotionsTables = { promo_codes: PromoCodesTable; promo_redemptions: PromoRedemptionsTable }

export const promotionsDb = (db: Db) => db.withTables<PromotionsTables>()
