/** Checkout: carts and their server-side pricing (tax, excise, shipping, promotions). */
export { createCart, getCart, claimCartForOrder, attachCartToCustomer, moveCartToMarket, changeCartLine, saveCheckoutDetails, saveCheckoutDetailsIfOpen, closeCart, countCartUnits, MAX_LINE_QUANTITY, type Cart, type CartChange, type CheckoutDetails } from './cart.ts'
/** The priced cart: lines, shipping options, VAT per rate, problems, what is missing. */
export { priceCart, loadPricingRefs, type PricingRefs, type Quote, type QuoteLine, type QuoteProblem, type ShipmentTax } from './price-cart.ts'
export { pickWarehouse, warehousePreference, type WarehouseInfo } from './pick-warehouse.ts'
export type { Address } from './tables.ts'
