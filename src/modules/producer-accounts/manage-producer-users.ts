import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { toProducerUser } from './create-producer-user.ts'
import { producerAccountsDb } from './tables.ts'
import type { ProducerUser } from './types.ts'

const COLUMNS = ['id', 'producer_id', 'email', 'name', 'active', 'locked_until', 'created_at'] as const

/** A producer's portal accounts, active first, then by name. */
export async function listProducerUsers(ctx: Ctx, input: { producerId: string }): Promise<ProducerUser[]> {
  const rows = await producerAccountsDb(ctx.db).selectFrom('producer_users').select([...COLUMNS]).where('producer_id', '=', input.producerId).orderBy('active', 'desc').orderBy('name').orderBy('id').execute()
  return rows.map(toProducerUser)
}

/**
 * Deactivates an account of this producer and ends its sessions at once (same transaction).
 * An account of another producer is NOT_FOUND; deactivating twice changes nothing.
 */
export async function deactivateProducerUser(ctx: Ctx, input: { producerId: string; userId: string }): Promise<ProducerUser> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const db = producerAccountsDb(trx)
    const before = await db.selectFrom('producer_users').select([...COLUMNS]).where('id', '=', input.userId).where('producer_id', '=', input.producerId).forUpdate().executeTakeFirst()
    if (!before) throw new AppError('NOT_FOUND', 'Ce compte n’existe pas.')
    await db.deleteFrom('producer_sessions').where('producer_user_id', '=', before.id).execute()
    if (!before.active) return toProducerUser(before)
    const after = await db.updateTable('producer_users').set({ active: false, updated_at: ctx.now }).where('id', '=', before.id).returning([...COLUMNS]).executeTakeFirstOrThrow()
    await recordAudit(tx, { action: 'producer_accounts.deactivated', entityType: 'producer_user', entityId: before.id, before: { active: true }, after: { active: false } })
    return toProducerUser(after)
  })
}
