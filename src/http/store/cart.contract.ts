import { z } from 'zod'
import { MAX_LINE_QUANTITY } from '../../modules/checkout/index.ts'
import { ErrorSchema, StoreScope } from './catalog.contract.ts'

// Carts are reached with the token returned at creation (`x-cart-token` header): the cart id
// signed by the server, so a guessed or another shopper's cart id is refused (404).
const CartToken = z.string().min(10).max(200)
export const CartHeaders = z.object({ 'x-cart-token': CartToken }).passthrough()

const Id = z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/, 'not an id')
const Quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY)
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')

export const AddressSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).nullish(),
    postalCode: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(100),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2 country code'),
    phone: z.string().trim().max(30).nullish(),
  })
  .strict()

export const CreateCartBody = z.object({ market: StoreScope.market }).strict()
export const CartLineBody = z.object({ variantId: Id, quantity: Quantity }).strict()
export const SetLineBody = z.object({ quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY) }).strict()
export const CheckoutDetailsBody = z
  .object({
    email: z.email().max(254).optional(),
    shipTo: AddressSchema.optional(),
    shippingMethodCode: z.string().min(1).max(60).nullable().optional(),
    deliveryDate: IsoDate.nullable().optional(),
    promoCode: z.string().trim().max(40).nullable().optional(),
    birthDate: IsoDate.nullable().optional(),
  })
  .strict()
export const PlaceOrderBody = z
  .object({
    idempotencyKey: z.string().min(8).max(100),
    paymentMethod: z.enum(['card', 'bank_transfer']),
    card: z
      .object({
        number: z.string().regex(/^[0-9 ]{12,23}$/),
        expMonth: z.number().int().min(1).max(12),
        expYear: z.number().int().min(2000).max(2100),
        cvc: z.string().regex(/^[0-9]{3,4}$/),
        holderName: z.string().trim().min(1).max(100),
      })
      .strict()
      .optional(),
    ageConfirmed: z.boolean().default(false),
    birthDate: IsoDate.nullable().optional(),
    acceptTerms: z.boolean(),
  })
  .strict()

const Money = z.number().int()
const RatePartSchema = z.object({ rateBp: z.number().int(), net: Money, vat: Money })
export const QuoteSchema = z.object({
  cartId: z.string(),
  market: z.string(),
  zone: z.string().nullable(),
  currency: z.literal('EUR'),
  lines: z.array(z.object({ variantId: z.string(), sku: z.string(), name: z.string(), quantity: z.number().int(), unitGross: Money, lineGross: Money, discountGross: Money, chargedGross: Money, net: Money, vat: Money, excise: Money, css: Money, warehouseCode: z.string().nullable(), withdrawalEligible: z.boolean(), ageRestricted: z.boolean() })),
  problems: z.array(z.object({ variantId: z.string().nullable(), code: z.string(), available: z.number().int().optional() })),
  shippingOptions: z.array(z.object({ methodCode: z.string(), name: z.object({ fr: z.string(), en: z.string() }), express: z.boolean(), priceGross: Money, promise: z.object({ from: z.string(), to: z.string() }), deliveryDates: z.array(z.string()).nullable() })),
  shipping: z.object({ methodCode: z.string(), priceGross: Money }).nullable(),
  deliveryDate: z.string().nullable(),
  promo: z.object({ code: z.string(), discountGross: Money, freeShipping: z.boolean() }).nullable(),
  promoError: z.string().nullable(),
  totals: z.object({ goods: Money, discount: Money, shipping: Money, taxAdjustment: Money, net: Money, vat: Money, gross: Money, excise: Money }),
  vatByRate: z.array(RatePartSchema),
  mentions: z.array(z.string()),
  needsAge: z.boolean(),
  missing: z.array(z.string()),
})
export const CartResponse = z.object({ token: z.string(), quote: QuoteSchema })

export const OrderPlacedResponse = z.object({ orderId: z.string(), orderNumber: z.string(), status: z.string(), accessToken: z.string() })

const cartParams = z.object({ cartId: Id }).strict()
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

export const CreateCart = { tags: ['checkout'], summary: 'Opens a cart; keep the returned token for the next calls', body: CreateCartBody, response: { 201: CartResponse, ...errors } }
export const GetCart = { tags: ['checkout'], summary: 'The cart priced on the server: lines, problems, shipping options, taxes, totals', params: cartParams, headers: CartHeaders, response: { 200: CartResponse, ...errors } }
export const AddCartLine = { tags: ['checkout'], summary: 'Adds units of a variant', params: cartParams, headers: CartHeaders, body: CartLineBody, response: { 200: CartResponse, ...errors } }
export const SetCartLine = { tags: ['checkout'], summary: 'Sets the quantity of a line (0 removes it)', params: cartParams.extend({ variantId: Id }), headers: CartHeaders, body: SetLineBody, response: { 200: CartResponse, ...errors } }
export const SaveCheckoutDetails = { tags: ['checkout'], summary: 'Contact, delivery address, shipping method, delivery date, promotion code, date of birth', params: cartParams, headers: CartHeaders, body: CheckoutDetailsBody, response: { 200: CartResponse, ...errors } }
export const PlaceOrder = { tags: ['checkout'], summary: 'Turns the cart into an order and pays it; the same idempotency key returns the same order', params: cartParams, headers: CartHeaders, body: PlaceOrderBody, response: { 201: OrderPlacedResponse, 402: ErrorSchema, ...errors } }
