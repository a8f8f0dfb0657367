/** Destination zones are territory codes (table `territories`). */
export const ZONES = ['GP', 'MQ', 'RE', 'FR-MAINLAND', 'EU', 'WORLD'] as const
export type Zone = (typeof ZONES)[number]

/** Shipping classes of the catalogue (table `shipping_classes`) that have rules in class-rules.ts. */
export type ShippingClassCode = 'BOTTLE' | 'AMBIENT' | 'FRESH_FLOWERS_EXPRESS' | 'LIVE_PLANT_LOCAL'

/** A calendar date in the local time of whoever states it: 'YYYY-MM-DD'. */
export type IsoDate = string

export type ShipmentLine = {
  /** the caller's key for the line (cart line id, SKU): undeliverable lines are reported by it */
  key: string
  shippingClass: string
  /** gross weight of one unit as sold, without protective packing */
  grossWeightG: number
  quantity: number
  glass: boolean
  /** the variant's allowed destination zones; empty: no restriction beyond the class */
  allowedZones: readonly string[]
}

export type Shipment = { warehouseCode: string; originTerritory: string; lines: readonly ShipmentLine[] }

export type ListShippingOptionsInput = {
  zone: Zone
  now: Date
  /** goods of the whole order, VAT included, in cents (free-shipping thresholds compare it) */
  goodsGross: number
  shipments: readonly Shipment[]
}

export type ShipmentQuote = {
  warehouseCode: string
  priceGross: number
  /** number of parcels; their weights (packing included) in parcelWeightsG */
  parcels: number
  parcelWeightsG: number[]
  promise: DeliveryPromise
}

export type DeliveryPromise = { from: IsoDate; to: IsoDate }

export type ShippingOption = {
  methodCode: string
  name: { fr: string; en: string }
  carrier: string
  express: boolean
  /** sum of the shipments' prices, VAT included, in cents */
  priceGross: number
  perShipment: ShipmentQuote[]
  /** the latest shipment decides: the order is complete when its last parcel arrives */
  promise: DeliveryPromise
  /** fresh flowers: the dates the shopper may pick (one is required); otherwise null */
  deliveryDates: IsoDate[] | null
}

export type UndeliverableCode = 'SHIPPING_ZONE_NOT_ALLOWED' | 'SHIPPING_CLASS_NOT_FROM_ORIGIN' | 'SHIPPING_NO_METHOD' | 'SHIPPING_TOO_HEAVY'
export type Undeliverable = { key: string; code: UndeliverableCode; params: Record<string, unknown> }

export type ShippingOptions = { options: ShippingOption[]; undeliverable: Undeliverable[] }

/** One rate as the planner needs it (loaded from shipping_rates and its brackets). */
export type Rate = {
  methodCode: string
  originTerritory: string
  zone: string
  freeAboveGross: number | null
  handlingDays: number
  cutoffMinute: number
  timezone: string
  transitDaysMin: number
  transitDaysMax: number
  shipWeekdays: readonly number[]
  deliveryWeekdays: readonly number[]
  /** ascending by maxWeightG */
  brackets: readonly { maxWeightG: number; priceGross: number }[]
}

export type Method = { code: string; carrier: string; nameFr: string; nameEn: string; express: boolean; maxParcelWeightG: number }
