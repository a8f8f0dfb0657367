import type { Ctx } from '../../kernel/ctx.ts'
import { customersDb, type CustomerAddressesTable } from './tables.ts'
import type { Address } from './types.ts'

/** At most this many saved addresses per account (a form is no bulk import). */
export const MAX_ADDRESSES = 20

export const addressColumns = ['id', 'name', 'line1', 'line2', 'postal_code', 'city', 'country', 'phone', 'is_default'] as const

export function toAddress(row: Pick<CustomerAddressesTable, (typeof addressColumns)[number]>): Address {
  return { id: row.id, name: row.name, line1: row.line1, line2: row.line2, postalCode: row.postal_code, city: row.city, country: row.country, phone: row.phone, isDefault: row.is_default }
}

/**
 * Locks the customer's row for the rest of the transaction: address writes of one customer run
 * one after the other, so "one default address" and the address limit hold under concurrency
 * (the partial unique index is the last defence).
 */
export async function lockCustomer(ctx: Ctx, customerId: string): Promise<void> {
  await customersDb(ctx.db).selectFrom('customers').select('id').where('id', '=', customerId).forUpdate().executeTakeFirstOrThrow()
}
