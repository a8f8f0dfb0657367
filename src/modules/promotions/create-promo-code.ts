import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { normalizePromoCode } from './promo-rules.ts'
import { promotionsDb, type PromoKind } from './tables.ts'

export type CreatePromoCodeInput = {
  code: string
  kind: PromoKind
  /** PERCENT: basis points (1000 = 10 %); FIXED: cents; FREE_SHIPPING: 0 */
  value: number
  minGoodsGross?: number
  startsAt: Date
  endsAt?: Date | null
  usageLimit?: number | null
  perCustomerLimit?: number | null
  markets?: string[]
  active?: boolean
  label?: { fr: string; en: string } | null
}

export type CreatePromoCodeResult = { ok: true; id: string } | { ok: false; code: 'PROMO_CODE_TAKEN'; params: { code: string } }

/** Adds a promo code (seed, back office). A code differing only by case from an existing one is taken. */
export async function createPromoCode(ctx: Ctx, input: CreatePromoCodeInput): Promise<CreatePromoCodeResult> {
  const code = normalizePromoCode(input.code)
  const bad = (why: string) => new AppError('VALIDATION_FAILED', `promo code ${input.code}: ${why}`)
  if (!code) throw bad('2 to 40 letters, digits, - or _')
  if (!Number.isSafeInteger(input.value)) throw bad('value must be an integer')
  if (input.kind === 'PERCENT' && !(input.value >= 1 && input.value <= 10_000)) throw bad('a percentage is 1 to 10 000 basis points')
  if (input.kind === 'FIXED' && input.value <= 0) throw bad('a fixed discount is a positive number of cents')
  if (input.kind === 'FREE_SHIPPING' && input.value !== 0) throw bad('free shipping has no value')
  if (input.endsAt && input.endsAt <= input.startsAt) throw bad('it must end after it starts')
  for (const n of [input.usageLimit, input.perCustomerLimit]) if (n != null && !(Number.isSafeInteger(n) && n > 0)) throw bad('limits are positive integers')
  const id = newId('pro')
  const row = await promotionsDb(ctx.db)
    .insertInto('promo_codes')
    .values({
      id,
      code,
      kind: input.kind,
      value: input.value,
      min_goods_gross: input.minGoodsGross ?? 0,
      starts_at: input.startsAt,
      ends_at: input.endsAt ?? null,
      usage_limit: input.usageLimit ?? null,
      per_customer_limit: input.perCustomerLimit ?? null,
      markets: input.markets ?? [],
      active: input.active ?? true,
      label_fr: input.label?.fr ?? null,
      label_en: input.label?.en ?? null,
    })
    .onConflict((oc) => oc.expression(sql`lower(code)`).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ? { ok: true, id: row.id } : { ok: false, code: 'PROMO_CODE_TAKEN', params: { code } }
}
