import { sql, type RawBuilder } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { blankIsAbsent, deskRows, type OrderDeskRow } from './order-desk-rows.ts'

/** Whose orders: an account, an e-mail (guest orders too, case ignored), or both. */
export const OrdersOfCustomerInput = z.strictObject({
  customerId: z.preprocess(blankIsAbsent, z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional()),
  email: z.preprocess(blankIsAbsent, z.string().trim().max(254).regex(/^[^\s@]+@[^\s@]+$/, 'not an e-mail').optional()),
  /** the order being looked at, left out of "the customer's other orders" */
  excludeOrderId: z.preprocess(blankIsAbsent, z.string().trim().min(1).max(64).optional()),
  limit: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(200).default(20)),
}).refine((f) => f.customerId || f.email, { message: 'a customer id or an e-mail is needed', path: ['customerId'] })
export type OrdersOfCustomerInput = z.input<typeof OrdersOfCustomerInput>

/**
 * A customer's orders for staff, newest first: those of the account and those placed as a guest
 * with the same e-mail (both indexed: orders_customer_idx, orders_email_idx).
 */
export async function listOrdersOfCustomer(ctx: Ctx, input: OrdersOfCustomerInput): Promise<OrderDeskRow[]> {
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', "A customer's orders are for staff only.")
  const parsed = OrdersOfCustomerInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `customer orders query invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  const f = parsed.data
  const who: RawBuilder<unknown>[] = []
  if (f.customerId) who.push(sql`o.customer_id = ${f.customerId}`)
  if (f.email) who.push(sql`lower(o.email) = ${f.email.toLowerCase()}`)
  const except = f.excludeOrderId ? sql`and o.id <> ${f.excludeOrderId}` : sql``
  const ids = await sql<{ id: string }>`
    select o.id from orders o where (${sql.join(who, sql` or `)}) ${except}
     order by o.placed_at desc, o.id desc limit ${f.limit}`.execute(ctx.db)
  return deskRows(ctx, ids.rows.map((r) => r.id))
}
