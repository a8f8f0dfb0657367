import type { Ctx } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { customerColumns, toCustomer } from './customer-row.ts'
import { customersDb } from './tables.ts'
import type { Customer } from './types.ts'

/** The signed-in customer's id; anyone else is refused (UNAUTHENTICATED, 401). */
export function requireCustomerId(ctx: Ctx): string {
  if (ctx.actor.kind !== 'customer') throw new AppError('UNAUTHENTICATED', 'Please sign in.')
  return ctx.actor.customerId
}

/**
 * A customer account. A customer may read only their own (another id is NOT_FOUND, as if it
 * did not exist); system actors (jobs, checkout flows) may read any.
 */
export async function getCustomer(ctx: Ctx, input: { customerId: string }): Promise<Customer> {
  if (ctx.actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'Please sign in.')
  if (ctx.actor.kind === 'customer' && ctx.actor.customerId !== input.customerId) throw notFound('customer')
  const row = await customersDb(ctx.db).selectFrom('customers').select([...customerColumns]).where('id', '=', input.customerId).executeTakeFirst()
  if (!row) throw notFound('customer')
  return toCustomer(row)
}
