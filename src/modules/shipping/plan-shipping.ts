import { AppError } from '../../kernel/errors.ts'
import { canShipFrom, classRule, originsFor, packedUnitWeightG, type ClassRule } from './class-rules.ts'
import { deliveryPromise, flowerDeliveryDates, MAX_PROMISE_DAYS, type Schedule } from './delivery-promise.ts'
import { holidayChecker } from './public-holidays.ts'
import { packParcels, priceParcels } from './parcels.ts'
import type { IsoDate, ListShippingOptionsInput, Method, Rate, Shipment, ShipmentQuote, ShippingOption, ShippingOptions, Undeliverable } from './types.ts'

/** The shipping data the planner reads: active methods in display order, rates by method|origin|zone. */
export type ShippingData = {
  methods: readonly Method[]
  rates: ReadonlyMap<string, Rate>
  /** shipping_classes.allowed_zones by class code */
  classZones: ReadonlyMap<string, readonly string[]>
}

export const rateKey = (methodCode: string, origin: string, zone: string): string => `${methodCode}|${origin}|${zone}`

/**
 * Pure core of listShippingOptions. First each line on its own (zone allowed, class may leave
 * its origin for the zone, some method goes there and can lift one unit); a cart with any such
 * line gets no option, only the reasons per line. Then each method is offered only if it
 * carries every shipment: price = sum of the shipments' parcels, promise = the latest one.
 */
export function planShipping(data: ShippingData, input: ListShippingOptionsInput): ShippingOptions {
  const undeliverable: Undeliverable[] = []
  for (const shipment of input.shipments) for (const line of shipment.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || !Number.isSafeInteger(line.grossWeightG) || line.grossWeightG <= 0) {
      throw new AppError('VALIDATION_FAILED', `line ${line.key}: quantity and weight must be positive integers`)
    }
    const problem = checkLine(data, input, shipment, line)
    if (problem) undeliverable.push(problem)
  }
  if (undeliverable.length) return { options: [], undeliverable }

  const options: ShippingOption[] = []
  for (const method of data.methods) {
    const quotes: (ShipmentQuote & { dates: IsoDate[] | null })[] = []
    for (const shipment of input.shipments) {
      const q = quoteShipment(data, method, shipment, input)
      if (!q) break
      quotes.push(q)
    }
    if (quotes.length !== input.shipments.length || quotes.length === 0) continue
    const dateLists = quotes.map((q) => q.dates).filter((d): d is IsoDate[] => d !== null)
    const deliveryDates = dateLists.length ? dateLists.reduce((a, b) => a.filter((d) => b.includes(d))) : null
    if (deliveryDates && deliveryDates.length === 0) continue
    options.push({
      methodCode: method.code,
      name: { fr: method.nameFr, en: method.nameEn },
      carrier: method.carrier,
      express: method.express,
      priceGross: quotes.reduce((s, q) => s + q.priceGross, 0),
      perShipment: quotes.map(({ dates: _dates, ...q }) => q),
      promise: {
        from: quotes.map((q) => q.promise.from).reduce((a, b) => (b > a ? b : a)),
        to: quotes.map((q) => q.promise.to).reduce((a, b) => (b > a ? b : a)),
      },
      deliveryDates,
    })
  }
  if (options.length === 0 && input.shipments.length > 0) {
    // Each line can travel, but no single method takes them all (e.g. express-only flowers
    // and a route only a postal service serves): every line is concerned.
    for (const s of input.shipments) for (const l of s.lines) undeliverable.push({ key: l.key, code: 'SHIPPING_NO_METHOD', params: { zone: input.zone, together: true } })
  }
  return { options, undeliverable }
}

function checkLine(data: ShippingData, input: ListShippingOptionsInput, shipment: Shipment, line: Shipment['lines'][number]): Undeliverable | null {
  const { zone } = input
  const origin = shipment.originTerritory
  const rule = classRule(line.shippingClass)
  const classZones = data.classZones.get(line.shippingClass)
  const allowed = (classZones ?? []).filter((z) => line.allowedZones.length === 0 || line.allowedZones.includes(z))
  if ((classZones && !classZones.includes(zone)) || (line.allowedZones.length > 0 && !line.allowedZones.includes(zone))) {
    return { key: line.key, code: 'SHIPPING_ZONE_NOT_ALLOWED', params: { zone, shippingClass: line.shippingClass, allowedZones: allowed } }
  }
  if (!canShipFrom(line.shippingClass, origin, zone)) {
    return { key: line.key, code: 'SHIPPING_CLASS_NOT_FROM_ORIGIN', params: { zone, shippingClass: line.shippingClass, origin, warehouseCode: shipment.warehouseCode, origins: originsFor(line.shippingClass, zone) } }
  }
  const capable = data.methods.filter((m) => (m.express || !rule.expressOnly) && data.rates.has(rateKey(m.code, origin, zone)))
  if (capable.length === 0) return { key: line.key, code: 'SHIPPING_NO_METHOD', params: { zone, origin, shippingClass: line.shippingClass } }
  const capacity = Math.max(...capable.map((m) => maxParcelWeight(m, data.rates.get(rateKey(m.code, origin, zone))!)))
  const unit = packedUnitWeightG(line.shippingClass, line.grossWeightG, line.glass)
  if (unit > capacity) return { key: line.key, code: 'SHIPPING_TOO_HEAVY', params: { unitWeightG: unit, maxParcelWeightG: capacity } }
  return null
}

const maxParcelWeight = (m: Method, r: Rate): number => Math.min(m.maxParcelWeightG, r.brackets.at(-1)?.maxWeightG ?? 0)

function quoteShipment(data: ShippingData, method: Method, shipment: Shipment, input: ListShippingOptionsInput): (ShipmentQuote & { dates: IsoDate[] | null }) | null {
  const { zone } = input
  const rate = data.rates.get(rateKey(method.code, shipment.originTerritory, zone))
  if (!rate) return null
  const rules = shipment.lines.map((l) => classRule(l.shippingClass))
  if (rules.some((r) => r.expressOnly) && !method.express) return null
  const packed = packParcels(
    shipment.lines.map((l, i) => ({
      unitWeightG: packedUnitWeightG(l.shippingClass, l.grossWeightG, l.glass),
      quantity: l.quantity,
      limitGroup: rules[i]!.maxUnitsPerParcel === null ? null : l.shippingClass,
      maxUnitsPerParcel: rules[i]!.maxUnitsPerParcel,
    })),
    maxParcelWeight(method, rate),
  )
  if (!packed.ok) return null
  const priceGross = priceParcels(packed.parcels, rate.brackets, rate.freeAboveGross, input.goodsGross)
  if (priceGross === null) return null
  const schedule = scheduleFor(rate, rules, shipment.originTerritory !== zone, zone)
  if (!schedule) return null
  const base = { warehouseCode: shipment.warehouseCode, priceGross, parcels: packed.parcels.length, parcelWeightsG: packed.parcels.map((p) => p.weightG) }
  if (rules.some((r) => r.pickDate)) {
    const dates = flowerDeliveryDates(schedule, input.now)
    if (dates.length === 0) return null
    return { ...base, promise: { from: dates[0]!, to: dates[0]! }, dates }
  }
  const p = deliveryPromise(schedule, input.now)
  // Never promise beyond the legal 30 days: a method that cannot make it is not offered.
  if (p.toDay > p.today + MAX_PROMISE_DAYS) return null
  return { ...base, promise: { from: p.from, to: p.to }, dates: null }
}

/** The rate's calendar narrowed by the classes in the shipment; null when nothing is left. */
function scheduleFor(rate: Rate, rules: readonly ClassRule[], crossTerritory: boolean, zone: string): Schedule | null {
  let shipWeekdays = [...rate.shipWeekdays]
  let deliveryWeekdays = [...rate.deliveryWeekdays]
  for (const r of rules) {
    if (crossTerritory && r.crossTerritoryShipWeekdays) shipWeekdays = shipWeekdays.filter((d) => r.crossTerritoryShipWeekdays!.includes(d))
    const only = r.deliveryWeekdays?.[zone as keyof NonNullable<ClassRule['deliveryWeekdays']>]
    if (only) deliveryWeekdays = deliveryWeekdays.filter((d) => only.includes(d))
  }
  if (shipWeekdays.length === 0 || deliveryWeekdays.length === 0) return null
  return {
    timezone: rate.timezone,
    cutoffMinute: rate.cutoffMinute,
    handlingDays: Math.max(rate.handlingDays, ...rules.map((r) => r.minHandlingDays)),
    shipWeekdays,
    transitDaysMin: rate.transitDaysMin,
    transitDaysMax: rate.transitDaysMax,
    deliveryWeekdays,
    closed: holidayChecker([rate.originTerritory, zone]),
  }
}
