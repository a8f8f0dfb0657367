import type { Ctx } from '../../kernel/ctx.ts'
import { allocate } from '../../kernel/money.ts'
import { getSellableVariants, type SellableVariant } from '../catalog/index.ts'
import { availableByWarehouse, listWarehouses, type WarehouseSummary } from '../inventory/index.ts'
import { canShipFrom, loadShippingData, planShipping, resolveZone, type ShippingData, type ShippingOption, type Zone } from '../shipping/index.ts'
import { evaluatePromo } from '../promotions/index.ts'
import { computeBasketTax, exciseForLine, mergeByRate, exciseTariffs, saleTaxRule, taxPlaces, vatRatesByTerritory, UnsupportedTaxRouteError, type ExciseTariffRow, type Place, type RatePart, type SaleTaxRule, type TaxCategoryRates } from '../tax/index.ts'
import type { Cart } from './cart.ts'
import { pickWarehouse } from './pick-warehouse.ts'

/**
 * The priced cart: every amount computed here from the catalogue, the stock, the tax
 * tables and the shipping data, never from what the browser sent. Each step of the
 * checkout shows it, and place-order prices the cart again inside its transaction.
 *
 * Order of the computation: sellable variants → destination zone → a warehouse per line →
 * shipping options for those shipments → promotion → VAT per shipment (its own treatment:
 * ship-from × ship-to × B2C, DOMAIN.md §1.4) with shipping split pro rata → excise (shown,
 * already inside list prices) → totals. Anything that blocks the order is a `problem`.
 */
export type QuoteLine = {
  variantId: string
  sku: string
  name: string
  productSlug: string
  quantity: number
  unitGross: number
  lineGross: number
  discountGross: number
  /** what the shopper pays for the line once its shipment's tax treatment applies */
  chargedGross: number
  net: number
  vat: number
  vatParts: RatePart[]
  excise: number
  css: number
  warehouseCode: string | null
  taxCategory: string
  madeToOrder: boolean
  ageRestricted: boolean
  minAge: number | null
  /** no withdrawal right for goods that spoil quickly, e.g. flowers (C. consom. L221-28 4°) */
  withdrawalEligible: boolean
}

export type QuoteProblem = {
  variantId: string | null
  code:
    | 'CHECKOUT_NOT_SOLD'
    | 'CHECKOUT_OUT_OF_STOCK'
    | 'SHIPPING_CLASS_NOT_FROM_ORIGIN'
    | 'SHIPPING_ZONE_NOT_ALLOWED'
    | 'SHIPPING_NO_METHOD'
    | 'SHIPPING_TOO_HEAVY'
    | 'CHECKOUT_TAX_ROUTE_UNSUPPORTED'
    | 'SHIPPING_ADDRESS_INVALID'
    | 'SHIPPING_COUNTRY_UNSUPPORTED'
  available?: number
}

export type ShipmentTax = { warehouseCode: string; originTerritory: string; rule: Pick<SaleTaxRule, 'rateTerritory' | 'importVat' | 'mentions' | 'exciseScope'> & { treatment: string } }

export type Quote = {
  cartId: string
  market: string
  zone: Zone | null
  lines: QuoteLine[]
  problems: QuoteProblem[]
  shippingOptions: ShippingOption[]
  shipping: ShippingOption | null
  deliveryDate: string | null
  promo: { id: string; code: string; discountGross: number; freeShipping: boolean } | null
  promoError: string | null
  shipments: ShipmentTax[]
  totals: { goods: number; discount: number; shipping: number; taxAdjustment: number; net: number; vat: number; gross: number; excise: number }
  vatByRate: RatePart[]
  /** the shipping price's VAT, split over the goods' rates */
  shippingTax: { net: number; vat: number; parts: RatePart[] } | null
  mentions: string[]
  needsAge: boolean
  minAge: number | null
  /** what is still missing before the order can be placed */
  missing: ('lines' | 'email' | 'address' | 'shipping' | 'delivery_date')[]
}

/** Reference data of a pricing (rates, tariffs, warehouses, shipping tables), all cached. */
export type PricingRefs = {
  warehouses: WarehouseSummary[]
  places: Map<string, Place>
  rates: ReadonlyMap<string, TaxCategoryRates>
  tariffs: ExciseTariffRow[]
  shipping: ShippingData
}

/**
 * Loads the reference data once. place-order calls it before its transaction: inside it only
 * what can change under a checkout (prices, stock, promotion uses) is read, and an embedded
 * database (one connection) is never asked for two things at once.
 */
export async function loadPricingRefs(ctx: Ctx): Promise<PricingRefs> {
  const day = ctx.now.toISOString().slice(0, 10)
  const [warehouses, places, rates, tariffs, shipping] = await Promise.all([listWarehouses(ctx), taxPlaces(ctx), vatRatesByTerritory(ctx, day), exciseTariffs(ctx), loadShippingData(ctx)])
  return { warehouses, places, rates, tariffs, shipping }
}

/**
 * `known.sellable`: catalogue rows this request already read (changeCartLine), not read twice.
 * Outside a transaction the catalogue and stock reads go out together on the pool.
 */
export async function priceCart(ctx: Ctx, cart: Cart, preloaded?: PricingRefs, known: { sellable?: ReadonlyMap<string, SellableVariant> | undefined } = {}): Promise<Quote> {
  const refs = preloaded ?? (await loadPricingRefs(ctx))
  const today = ctx.now.toISOString().slice(0, 10)
  const ids = cart.lines.map((l) => l.variantId)
  const unread = ids.filter((id) => !known.sellable?.has(id))
  const readSellable = async () => {
    const fresh = await getSellableVariants(ctx, { variantIds: unread, market: cart.market, locale: ctx.locale })
    for (const [id, v] of known.sellable ?? []) if (ids.includes(id)) fresh.set(id, v)
    return fresh
  }
  // stock of every line (a line that turns out not sold is simply not placed)
  const readStock = () => availableByWarehouse(ctx, { variantIds: ids, usableUntil: cart.deliveryDate ?? today })
  const [sellable, stock] = ctx.db.isTransaction ? [await readSellable(), await readStock()] : await Promise.all([readSellable(), readStock()])
  const problems: QuoteProblem[] = []
  const lines = cart.lines.flatMap((l) => {
    const v = sellable.get(l.variantId)
    if (!v || v.b2bOnly) {
      problems.push({ variantId: l.variantId, code: 'CHECKOUT_NOT_SOLD' })
      return []
    }
    return [{ v, quantity: l.quantity }]
  })

  // Destination: the address when there is one, else the market (cart page estimate).
  let zone: Zone | null = null
  if (cart.shipTo) {
    const z = resolveZone({ country: cart.shipTo.country, postalCode: cart.shipTo.postalCode })
    if (z.ok) zone = z.zone
    else problems.push({ variantId: null, code: z.code })
  }
  const pricingZone = zone ?? (cart.market as Zone)

  // A warehouse per line.
  const warehouses = refs.warehouses
  const placed: { v: SellableVariant; quantity: number; warehouseCode: string | null; origin: string | null }[] = lines.map(({ v, quantity }) => {
    const pick = pickWarehouse({ line: { quantity, madeToOrder: v.madeToOrder, originTerritory: v.originTerritory, shippingClass: v.shippingClass }, zone: pricingZone, warehouses, available: stock.get(v.variantId) ?? new Map(), canShipFrom })
    if (pick.ok) return { v, quantity, warehouseCode: pick.warehouseCode, origin: pick.originTerritory }
    problems.push(pick.code === 'CHECKOUT_OUT_OF_STOCK' ? { variantId: v.variantId, code: pick.code, available: pick.available } : { variantId: v.variantId, code: pick.code })
    return { v, quantity, warehouseCode: null, origin: null }
  })
  const shippable = placed.filter((p) => p.warehouseCode !== null)
  const goods = placed.reduce((a, p) => a + p.v.unitGross * p.quantity, 0)

  // Shipping options, only once the destination is known.
  let shippingOptions: ShippingOption[] = []
  if (zone && shippable.length) {
    const byWarehouse = groupBy(shippable, (p) => p.warehouseCode!)
    const result = planShipping(refs.shipping, {
      zone,
      now: ctx.now,
      goodsGross: goods,
      shipments: [...byWarehouse].map(([warehouseCode, ps]) => ({
        warehouseCode,
        originTerritory: ps[0]!.origin!,
        lines: ps.map((p) => ({ key: p.v.variantId, shippingClass: p.v.shippingClass, grossWeightG: p.v.grossWeightG, quantity: p.quantity, glass: p.v.glass, allowedZones: p.v.allowedZones })),
      })),
    })
    shippingOptions = result.options
    for (const u of result.undeliverable) problems.push({ variantId: u.key, code: u.code })
  }
  const shipping = shippingOptions.find((o) => o.methodCode === cart.shippingMethodCode) ?? null
  const deliveryDate = shipping?.deliveryDates && cart.deliveryDate && shipping.deliveryDates.includes(cart.deliveryDate) ? cart.deliveryDate : null

  // Promotion on the goods (never from the shopper's figures).
  let promo: Quote['promo'] = null
  let promoError: string | null = null
  const shippingList = shipping?.priceGross ?? 0
  if (cart.promoCode) {
    const customerKey = cart.customerId ?? cart.email ?? null
    const r = await evaluatePromo(ctx, { code: cart.promoCode, customerKey, goodsGross: goods, shippingGross: shippingList, market: cart.market, now: ctx.now })
    if (r.ok) promo = { id: r.promo.id, code: r.promo.code, discountGross: r.promo.discountGross, freeShipping: r.promo.freeShipping }
    else promoError = r.code
  }
  const discount = promo?.discountGross ?? 0
  const lineDiscounts = discount > 0 && goods > 0 ? allocate(discount, placed.map((p) => p.v.unitGross * p.quantity)) : placed.map(() => 0)
  const shippingCharged = promo?.freeShipping ? 0 : shippingList

  // VAT per shipment: its own treatment, its own share of the shipping price.
  const places = refs.places
  const listRates = refs.rates.get(cart.market) ?? {}
  const tariffs = refs.tariffs
  const shipTo = places.get(pricingZone)
  const quoteLines: QuoteLine[] = placed.map((p, i) => ({
    variantId: p.v.variantId, sku: p.v.sku, name: p.v.name, productSlug: p.v.productSlug, quantity: p.quantity, unitGross: p.v.unitGross,
    lineGross: p.v.unitGross * p.quantity, discountGross: lineDiscounts[i]!, chargedGross: 0, net: 0, vat: 0, vatParts: [], excise: 0, css: 0,
    warehouseCode: p.warehouseCode, taxCategory: p.v.taxCategory, madeToOrder: p.v.madeToOrder, ageRestricted: p.v.ageRestricted, minAge: p.v.minAge,
    withdrawalEligible: !p.v.perishable && !p.v.madeToOrder,
  }))
  const shipments: ShipmentTax[] = []
  const byRate: RatePart[] = []
  const shippingParts: RatePart[] = []
  const groups = groupBy(quoteLines.map((l, i) => ({ l, p: placed[i]! })).filter((x) => x.l.warehouseCode), (x) => x.l.warehouseCode!)
  const shippingShares = splitShipping(shippingCharged, shipping, [...groups.keys()])
  for (const [warehouseCode, members] of groups) {
    const origin = places.get(members[0]!.p.origin!)
    if (!origin || !shipTo) continue
    let rule: SaleTaxRule
    try {
      rule = saleTaxRule({ shipFrom: origin, shipTo, customer: 'B2C', exciseGoods: members.some((m) => m.p.v.exciseCategory), euDistanceSalesYearCents: 0 })
    } catch (err) {
      if (!(err instanceof UnsupportedTaxRouteError)) throw err
      for (const m of members) problems.push({ variantId: m.l.variantId, code: 'CHECKOUT_TAX_ROUTE_UNSUPPORTED' })
      continue
    }
    const saleRates = rule.rateTerritory ? (refs.rates.get(rule.rateTerritory) ?? {}) : null
    if (rule.rateTerritory && Object.keys(saleRates ?? {}).length === 0) {
      for (const m of members) problems.push({ variantId: m.l.variantId, code: 'CHECKOUT_TAX_ROUTE_UNSUPPORTED' })
      continue
    }
    shipments.push({ warehouseCode, originTerritory: origin.code, rule: { treatment: rule.treatment.kind, rateTerritory: rule.rateTerritory, importVat: rule.importVat, mentions: rule.mentions, exciseScope: rule.exciseScope } })
    const tax = computeBasketTax({
      lines: members.map((m) => ({ key: m.l.variantId, unitGross: m.l.unitGross, quantity: m.l.quantity, taxCategory: m.l.taxCategory, discountGross: m.l.discountGross, components: m.p.v.components })),
      shippingGross: shippingShares.get(warehouseCode) ?? 0,
      listRates,
      saleRates,
    })
    tax.lines.forEach((t, i) => {
      const l = members[i]!.l
      const v = members[i]!.p.v
      Object.assign(l, { chargedGross: t.gross, net: t.net, vat: t.vat, vatParts: t.parts })
      const ex = exciseForLine({ exciseCategory: v.exciseCategory, domRumReducedRateEligible: v.domRumReducedRateEligible, abv: v.abv, pureAlcoholL: v.pureAlcoholL }, l.quantity, rule.exciseScope, tariffs, today)
      l.excise = ex.excise
      l.css = ex.css
    })
    if (tax.shipping) shippingParts.push(...tax.shipping.parts)
    byRate.push(...tax.byRate)
  }
  const vatByRate = mergeByRate(byRate)
  const net = vatByRate.reduce((a, r) => a + r.net, 0)
  const vat = vatByRate.reduce((a, r) => a + r.vat, 0)
  const gross = net + vat
  const needsAge = quoteLines.some((l) => l.ageRestricted)
  const missing: Quote['missing'] = []
  if (quoteLines.length === 0) missing.push('lines')
  if (!cart.email) missing.push('email')
  if (!cart.shipTo) missing.push('address')
  if (!shipping) missing.push('shipping')
  if (shipping?.deliveryDates && !deliveryDate) missing.push('delivery_date')
  return {
    cartId: cart.id, market: cart.market, zone, lines: quoteLines, problems, shippingOptions, shipping, deliveryDate, promo, promoError, shipments,
    totals: { goods, discount, shipping: shippingCharged, taxAdjustment: gross - (goods - discount + shippingCharged), net, vat, gross, excise: quoteLines.reduce((a, l) => a + l.excise + l.css, 0) },
    vatByRate,
    shippingTax: shippingParts.length ? taxSum(mergeByRate(shippingParts)) : null,
    mentions: [...new Set(shipments.flatMap((s) => s.rule.mentions))],
    needsAge,
    minAge: needsAge ? Math.max(...quoteLines.filter((l) => l.ageRestricted).map((l) => l.minAge ?? 18)) : null,
    missing,
  }
}

/** The option's price per shipment (free shipping: nothing). */
function splitShipping(total: number, option: ShippingOption | null, warehouseCodes: string[]): Map<string, number> {
  const m = new Map<string, number>()
  if (!option || total === 0) return m
  for (const code of warehouseCodes) m.set(code, option.perShipment.find((s) => s.warehouseCode === code)?.priceGross ?? 0)
  return m
}

function taxSum(parts: RatePart[]): { net: number; vat: number; parts: RatePart[] } {
  return { net: parts.reduce((a, p) => a + p.net, 0), vat: parts.reduce((a, p) => a + p.vat, 0), parts }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const it of items) {
    const k = key(it)
    m.set(k, [...(m.get(k) ?? []), it])
  }
  return m
}
