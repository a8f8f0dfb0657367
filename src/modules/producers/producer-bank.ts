import type { Ctx } from '../../kernel/ctx.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { maskIban, ProducerBankInput } from './bank-details.ts'
import { producersDb } from './tables.ts'

export type ProducerBank = { producerId: string; tradeName: string; iban: string | null; bic: string | null; holder: string | null }

/** A producer's bank account for the finance screen (full IBAN: callers hold payables.read), or null. */
export async function getProducerBank(ctx: Ctx, producerId: string): Promise<ProducerBank | null> {
  const r = await producersDb(ctx.db).selectFrom('producers').select(['id', 'trade_name', 'iban', 'bic', 'bank_account_holder']).where('id', '=', producerId).executeTakeFirst()
  return r ? { producerId: r.id, tradeName: r.trade_name, iban: r.iban, bic: r.bic, holder: r.bank_account_holder } : null
}

// the audit log keeps who changed the account and to what, never a full IBAN
const audited = (b: { iban: string | null; bic: string | null; holder: string | null }) => ({ iban: b.iban ? maskIban(b.iban) : null, bic: b.bic, holder: b.holder })

/**
 * Sets (or, with three blanks, removes) a producer's IBAN, BIC and account holder: spaces
 * allowed in input, stored normalised, IBAN checked by ISO 13616 mod-97. Audited when it changes.
 */
export async function saveProducerBank(ctx: Ctx, raw: ProducerBankInput): Promise<{ changed: boolean }> {
  const parsed = ProducerBankInput.safeParse(raw)
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join(' · '), errors)
  }
  const v = parsed.data
  const after = v.iban ? { iban: v.iban, bic: v.bic, holder: v.holder } : { iban: null, bic: null, holder: null }
  return inTransaction(ctx, async (tx) => {
    const db = producersDb(tx.db)
    const row = await db.selectFrom('producers').select(['id', 'iban', 'bic', 'bank_account_holder']).where('id', '=', v.producerId).forUpdate().executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
    const before = { iban: row.iban, bic: row.bic, holder: row.bank_account_holder }
    if (before.iban === after.iban && before.bic === after.bic && before.holder === after.holder) return { changed: false }
    await db.updateTable('producers').set({ iban: after.iban, bic: after.bic, bank_account_holder: after.holder, updated_at: tx.now }).where('id', '=', row.id).execute()
    await recordAudit(tx, { action: 'producers.bank_changed', entityType: 'producer', entityId: row.id, before: audited(before), after: audited(after) })
    return { changed: true }
  })
}
