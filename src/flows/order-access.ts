import type { Ctx } from '../kernel/ctx.ts'
import { checkOrderAccessToken, type OrderView } from '../modules/orders/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'

/** A guest opens an order with its signed link; a customer opens their own orders without one. */
export function canOpenOrder(ctx: Ctx, deps: Pick<CheckoutDeps, 'appSecret'>, order: Pick<OrderView, 'id' | 'customerId'>, accessToken: string | null | undefined): boolean {
  if (checkOrderAccessToken(deps.appSecret, order.id, accessToken)) return true
  return ctx.actor.kind === 'customer' && order.customerId !== null && ctx.actor.customerId === order.customerId
}
