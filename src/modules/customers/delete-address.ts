import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { lockCustomer } from './address-row.ts'
import { requireCustomerId } from './get-customer.ts'
import { customersDb } from './tables.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'

/**
 * Deletes one of the signed-in customer's addresses (scoped by customer id: another customer's
 * is NOT_FOUND). When it was the default, the oldest remaining address becomes the default, so
 * checkout always has one to propose while any is left. Orders keep their own copy of the address.
 */
export async function deleteAddress(ctx: Ctx, input: { addressId: string }): Promise<void> {
  const customerId = requireCustomerId(ctx)
  await inTransaction(ctx, async (tx) => {
    await lockCustomer(tx, customerId)
    const db = customersDb(tx.db)
    const gone = await db.deleteFrom('customer_addresses').where('id', '=', input.addressId).where('customer_id', '=', customerId).returning('is_default').executeTakeFirst()
    if (!gone) throw notFound('address')
    if (!gone.is_default) return
    const next = await db.selectFrom('customer_addresses').select('id').where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst()
    if (next) await db.updateTable('customer_addresses').set({ is_default: true, updated_at: ctx.now }).where('id', '=', next.id).where('customer_id', '=', customerId).execute()
  })
}
