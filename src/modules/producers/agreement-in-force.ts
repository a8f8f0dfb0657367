import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { producersDb, type PaymentTermsType } from './tables.ts'

export type AgreementTerms = {
  producerId: string
  validFrom: string
  model: 'PURCHASE' | 'CONSIGNMENT'
  paymentTermsType: PaymentTermsType
  paymentTermsDays: number
  /** basis points, consignment only */
  commissionBp: number | null
}

/**
 * The agreement that applies to a producer on a day (ISO date): the dated row with the latest
 * valid_from on or before it, or null when none was signed yet. Agreements are never edited:
 * a change is a new row from its date, so an invoice of March keeps March's terms.
 */
export async function agreementInForce(ctx: Ctx, producerId: string, day: string): Promise<AgreementTerms | null> {
  const row = await producersDb(ctx.db)
    .selectFrom('producer_agreements')
    .where('producer_id', '=', producerId)
    .where('valid_from', '<=', day)
    .orderBy('valid_from', 'desc')
    .select(['producer_id', 'valid_from', 'model', 'payment_terms_type', 'payment_terms_days', 'commission_bp'])
    .limit(1)
    .executeTakeFirst()
  if (!row) return null
  return {
    producerId: row.producer_id,
    validFrom: isoDay(row.valid_from),
    model: row.model,
    paymentTermsType: row.payment_terms_type,
    paymentTermsDays: row.payment_terms_days,
    commissionBp: row.commission_bp,
  }
}
