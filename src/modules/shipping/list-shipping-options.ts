import type { Ctx } from '../../kernel/ctx.ts'
import { loadShippingData } from './load-shipping-data.ts'
import { planShipping } from './plan-shipping.ts'
import type { ListShippingOptionsInput, ShippingOptions } from './types.ts'

/**
 * The shipping methods that can carry the whole order to the zone, with price and delivery
 * promise, or the reason each line cannot travel. The caller has already chosen a warehouse
 * per line (canShipFrom) and grouped the lines into one shipment per warehouse.
 * Rates may lag staff edits by a minute (cached); the checkout stores the option it priced.
 */
export async function listShippingOptions(ctx: Ctx, input: ListShippingOptionsInput): Promise<ShippingOptions> {
  const data = await loadShippingData(ctx)
  return planShipping(data, input)
}
