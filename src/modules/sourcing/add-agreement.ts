import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { recordAudit } from '../audit/index.ts'
import { checkAgreementTerms, checkValidFrom, legalBasisFor } from './agreement-rules.ts'
import { invalid, parseInput } from './fields.ts'
import { goodsKindOf } from './goods-kind.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { lockProducer, staffIdOf } from './staff-of.ts'
import { sourcingDb } from './tables.ts'

const DAY = /^\d{4}-\d{2}-\d{2}$/
const validDay = (s: string) => DAY.test(s) && isoDay(new Date(`${s}T12:00:00`)) === s

export const AddAgreementInput = z.object({
  producerId: z.string().min(1).max(64),
  validFrom: z.string().trim().refine(validDay, 'Indiquez la date de début (AAAA-MM-JJ).'),
  model: z.enum(['PURCHASE', 'CONSIGNMENT'], 'Choisissez achat ferme ou dépôt-vente.'),
  paymentTermsType: z.enum(['NET_DAYS_FROM_INVOICE', 'DAYS_AFTER_END_OF_DELIVERY_MONTH', 'DAYS_AFTER_DELIVERY'], 'Choisissez le point de départ du délai.'),
  paymentTermsDays: z.string().trim().regex(/^[0-9]{1,3}$/, 'Le délai est un nombre entier de jours.').transform(Number),
  /** percent as typed ("28" or "27,5"): turned into basis points without rounding */
  commissionPct: z.string().trim().regex(/^$|^[0-9]{1,3}([.,][0-9]{1,2})?$/, 'La commission est un pourcentage (ex. 27,5).').optional()
    .transform((s) => (s ? percentToBp(s) : null)),
  incoterm: z.string().trim().max(120, 'Incoterm : 120 caractères au plus.').optional().transform((s) => s || null),
  note: z.string().trim().max(2000, 'Note : 2 000 caractères au plus.').optional().transform((s) => s || null),
})
export type AddAgreementInput = z.input<typeof AddAgreementInput>

function percentToBp(s: string): number {
  const [whole, frac = ''] = s.replace(',', '.').split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

/**
 * A new dated agreement from its first day (agreements are never edited: the terms of March stay
 * March's). The legal limits of agreement-rules.ts are enforced for what the producer sells, and
 * the new one must start after the latest existing one.
 */
export async function addAgreement(ctx: Ctx, raw: AddAgreementInput): Promise<{ validFrom: string }> {
  const input = parseInput(AddAgreementInput, raw)
  const staffId = staffIdOf(ctx)
  return inTransaction(ctx, async (tx) => {
    const p = await lockProducer(tx, input.producerId)
    const goods = await goodsKindOf(tx, p.id)
    const latest = await sql<{ d: Date | null }>`select max(valid_from) as d from producer_agreements where producer_id = ${p.id}`.execute(tx.db)
    const latestDay = latest.rows[0]?.d ? isoDay(latest.rows[0].d) : null
    const problems = [
      ...checkValidFrom(input.validFrom, latestDay),
      ...checkAgreementTerms({ model: input.model, paymentTermsType: input.paymentTermsType, paymentTermsDays: input.paymentTermsDays, commissionBp: input.commissionPct }, goods),
    ]
    if (problems.length) invalid(problems.map((v) => ({ path: v.field === 'commissionBp' ? 'commissionPct' : v.field, message: v.message })))
    const row = {
      producer_id: p.id, valid_from: input.validFrom, model: input.model, payment_terms_type: input.paymentTermsType, payment_terms_days: input.paymentTermsDays,
      legal_basis: legalBasisFor(goods), commission_bp: input.model === 'CONSIGNMENT' ? input.commissionPct : null, settlement: input.model === 'CONSIGNMENT' ? 'relevé mensuel des ventes' : null,
      incoterm: input.incoterm, excise_status: null, note: input.note, created_by: staffId, created_at: ctx.now,
    }
    await sourcingDb(tx.db).insertInto('producer_agreements').values(row).execute()
    await recordAudit(tx, { action: 'sourcing.agreement_added', entityType: 'producer', entityId: p.id, after: row })
    return { validFrom: input.validFrom }
  })
}
