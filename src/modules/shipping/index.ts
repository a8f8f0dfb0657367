// Public API of the shipping module: destination zones, shipping classes' rules, methods and
// rates (data), options with prices and delivery promises. Prices are VAT included, in cents.

/** The destination zone of an address (country + postal code), or a typed failure. */
export { resolveZone, EU_MEMBER_STATES, type ZoneResult, type ZoneFailureCode } from './resolve-zone.ts'
/** Options that carry every shipment to the zone, or the reason per undeliverable line. */
export { listShippingOptions } from './list-shipping-options.ts'
/** May this class leave this origin territory for this zone? (The checkout picks warehouses with it.) */
export { canShipFrom, originsFor, CLASS_RULES, type ClassRule } from './class-rules.ts'
/** The picked delivery date against an option: required for flowers, refused otherwise. */
export { checkDeliveryDate, flowerDeliveryDates, deliveryPromise, MAX_PROMISE_DAYS, type DeliveryDateCheck, type Schedule } from './delivery-promise.ts'
/** Forget cached methods and rates after an edit. */
export { clearShippingCache, loadShippingData } from './load-shipping-data.ts'
/** Pure planner behind listShippingOptions (tests, simulations). */
export { planShipping, type ShippingData } from './plan-shipping.ts'
export type * from './types.ts'
export { ZONES } from './types.ts'
