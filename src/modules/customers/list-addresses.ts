import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { requireCustomerId } from './get-customer.ts'
import { addressColumns, toAddress } from './address-row.ts'
import { customersDb } from './tables.ts'
import type { Address } from './types.ts'

/** The signed-in customer's addresses, default first, then oldest first. */
export async function listAddresses(ctx: Ctx): Promise<Address[]> {
  const customerId = requireCustomerId(ctx)
  const rows = await customersDb(ctx.db)
    .selectFrom('customer_addresses')
    .select([...addressColumns])
    .where('customer_id', '=', customerId)
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(toAddress)
}

/**
 * One address of the signed-in customer. Scoped by customer id in the query itself: another
 * customer's address id is NOT_FOUND, exactly like an id that does not exist.
 */
export async function getAddress(ctx: Ctx, input: { addressId: string }): Promise<Address> {
  const customerId = requireCustomerId(ctx)
  const row = await customersDb(ctx.db)
    .selectFrom('customer_addresses')
    .select([...addressColumns])
    .where('id', '=', input.addressId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  if (!row) throw notFound('address')
  return toAddress(row)
}
