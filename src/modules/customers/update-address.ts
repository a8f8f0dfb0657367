import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { addressColumns, lockCustomer, toAddress } from './address-row.ts'
import { normalizeAddress } from './address-rules.ts'
import type { SaveAddressResult } from './add-address.ts'
import { requireCustomerId } from './get-customer.ts'
import { customersDb } from './tables.ts'
import type { AddressInput } from './types.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'

/**
 * Changes one of the signed-in customer's addresses. Every statement is scoped by customer id:
 * another customer's address is NOT_FOUND and nothing is written. Asking for default moves the
 * flag; the default address cannot be un-defaulted by itself (pick another one as default).
 */
export async function updateAddress(ctx: Ctx, input: AddressInput & { addressId: string }): Promise<SaveAddressResult> {
  const customerId = requireCustomerId(ctx)
  const checked = normalizeAddress(input)
  return inTransaction(ctx, async (tx): Promise<SaveAddressResult> => {
    await lockCustomer(tx, customerId)
    const db = customersDb(tx.db)
    const current = await db.selectFrom('customer_addresses').select(['id', 'is_default']).where('id', '=', input.addressId).where('customer_id', '=', customerId).executeTakeFirst()
    if (!current) throw notFound('address') // checked before the field errors: no probing of other ids
    if (!checked.ok) return { ok: false, code: 'CUSTOMERS_ADDRESS_INVALID', problems: checked.problems }
    const a = checked.address
    const isDefault = current.is_default || input.isDefault === true
    if (isDefault && !current.is_default) await db.updateTable('customer_addresses').set({ is_default: false }).where('customer_id', '=', customerId).where('is_default', '=', true).execute()
    const row = await db
      .updateTable('customer_addresses')
      .set({ name: a.name, line1: a.line1, line2: a.line2, postal_code: a.postalCode, city: a.city, country: a.country, phone: a.phone, is_default: isDefault, updated_at: ctx.now })
      .where('id', '=', input.addressId)
      .where('customer_id', '=', customerId)
      .returning([...addressColumns])
      .executeTakeFirstOrThrow()
    return { ok: true, address: toAddress(row) }
  })
}
