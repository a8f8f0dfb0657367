import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { addressColumns, lockCustomer, MAX_ADDRESSES, toAddress } from './address-row.ts'
import { normalizeAddress } from './address-rules.ts'
import { requireCustomerId } from './get-customer.ts'
import { customersDb } from './tables.ts'
import type { Address, AddressInput, AddressProblem } from './types.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'

export type SaveAddressResult =
  | { ok: true; address: Address }
  | { ok: false; code: 'CUSTOMERS_ADDRESS_INVALID'; problems: AddressProblem[] }
  | { ok: false; code: 'CUSTOMERS_ADDRESS_LIMIT'; max: number }

/** Saves a new address for the signed-in customer; the first one, or one asked as default, becomes the default. */
export async function addAddress(ctx: Ctx, input: AddressInput): Promise<SaveAddressResult> {
  const customerId = requireCustomerId(ctx)
  const checked = normalizeAddress(input)
  if (!checked.ok) return { ok: false, code: 'CUSTOMERS_ADDRESS_INVALID', problems: checked.problems }
  const a = checked.address
  return inTransaction(ctx, async (tx): Promise<SaveAddressResult> => {
    await lockCustomer(tx, customerId)
    const db = customersDb(tx.db)
    const { count } = await db.selectFrom('customer_addresses').select((eb) => eb.fn.countAll<number>().as('count')).where('customer_id', '=', customerId).executeTakeFirstOrThrow()
    if (Number(count) >= MAX_ADDRESSES) return { ok: false, code: 'CUSTOMERS_ADDRESS_LIMIT', max: MAX_ADDRESSES }
    const isDefault = Number(count) === 0 || input.isDefault === true
    if (isDefault) await db.updateTable('customer_addresses').set({ is_default: false }).where('customer_id', '=', customerId).where('is_default', '=', true).execute()
    const row = await db
      .insertInto('customer_addresses')
      .values({ id: newId('adr'), customer_id: customerId, name: a.name, line1: a.line1, line2: a.line2, postal_code: a.postalCode, city: a.city, country: a.country, phone: a.phone, is_default: isDefault, created_at: ctx.now, updated_at: ctx.now })
      .returning([...addressColumns])
      .executeTakeFirstOrThrow()
    return { ok: true, address: toAddress(row) }
  })
}
