import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { LOCALES } from '../../kernel/ctx.ts'
import { priceCart, saveCheckoutDetails, type Address, type Cart, type Quote } from '../../modules/checkout/index.ts'
import { getAddress, getCustomer, listAddresses, normalizeAddress, type AddressProblem } from '../../modules/customers/index.ts'
import { resolveZone } from '../../modules/shipping/index.ts'
import { t, type MessageKey } from '../../web/i18n/index.ts'
import { AddressStep, type AddressValues } from '../../web/storefront/checkout/address-step.tsx'
import { checkoutPaths } from '../../web/storefront/checkout/checkout-paths.ts'
import { FORM_COUNTRIES, addressCountryName, countryName, formCountry } from '../../web/storefront/checkout/countries.tsx'
import type { FieldError } from '../../web/storefront/checkout/kit.tsx'
import { ShippingStep, deliveryDateField } from '../../web/storefront/checkout/shipping-step.tsx'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { readCart, seeOther, sendPrivatePage } from './cart-cookie.ts'
import { IsoDate, invalidFields, str, units } from './checkout-forms.ts'
import { registerPaymentStep } from './checkout-payment.routes.ts'
import { viewCtx } from './page-kit.ts'

// Form contracts of the checkout steps. Shapes and lengths are checked here; what depends on
// the data (a required field of a new address, a postal code of the right territory, an
// option the quote offers, the buyer's age) is checked by the rules and shown on its field.
export const AddressBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  addressId: z.union([z.literal(''), z.string().regex(/^adr_[0-9A-Z]{26}$/)]).default(''),
  name: z.string().max(120).default(''),
  line1: z.string().max(120).default(''),
  line2: z.string().max(120).default(''),
  postalCode: z.string().max(12).default(''),
  city: z.string().max(80).default(''),
  country: z.enum(FORM_COUNTRIES as [string, ...string[]]).default('FR'),
  phone: z.string().max(20).default(''),
})
export const ShippingBody = z.looseObject({ method: z.string().regex(/^[A-Z0-9_-]{1,40}$/).optional() })
const ADDRESS_PROBLEM: Record<AddressProblem['code'], MessageKey> = {
  REQUIRED: 'checkout.error.line1', TOO_LONG: 'checkout.error.tooLong', COUNTRY_UNKNOWN: 'checkout.error.country', POSTAL_CODE_INVALID: 'checkout.error.postalCode',
  POSTAL_CODE_TERRITORY_MISMATCH: 'checkout.error.postalCodeTerritory', PHONE_INVALID: 'checkout.error.phone',
}
const REQUIRED_FIELD: Partial<Record<AddressProblem['field'], MessageKey>> = { name: 'checkout.error.name', line1: 'checkout.error.line1', city: 'checkout.error.city', postalCode: 'checkout.error.postalCode' }

/** The three checkout steps: address, delivery, review and pay. Each needs a cart with lines. */
export function registerCheckoutPages(app: App, deps: RouteDeps): void {
  const { config } = deps

  for (const locale of LOCALES) {
    const alt = (p: (l: 'fr' | 'en') => string) => ({ fr: p('fr'), en: p('en') })

    // ── a. contact and address
    const renderAddress = async (req: FastifyRequest, reply: FastifyReply, cart: Cart, values: AddressValues | null, errors: FieldError[]) => {
      const signedIn = req.ctx.actor.kind === 'customer'
      const saved = signedIn ? await listAddresses(req.ctx) : []
      const ctx = viewCtx(req, deps, alt(checkoutPaths.address))
      const email = cart.email ?? (req.ctx.actor.kind === 'customer' ? (await getCustomer(req.ctx, { customerId: req.ctx.actor.customerId })).email : '')
      const a = cart.shipTo
      const initial: AddressValues = values ?? {
        email, addressId: !a && saved[0] ? saved[0].id : '', name: a?.name ?? '', line1: a?.line1 ?? '', line2: a?.line2 ?? '', postalCode: a?.postalCode ?? '',
        city: a?.city ?? '', country: a ? formCountry(a.country, a.postalCode) : req.ctx.market === 'GP' ? 'GP' : 'FR', phone: a?.phone ?? '',
      }
      const choices = saved.map((s) => ({ id: s.id, label: [s.name, s.line1, s.line2, `${s.postalCode} ${s.city}`, addressCountryName(ctx, s)].filter(Boolean).join(', ') }))
      return sendPrivatePage(reply, h(AddressStep, { ctx, csrf: csrfToken(req, reply), values: initial, errors, saved: choices, units: units(cart) }), errors.length ? 422 : 200)
    }

    app.get(checkoutPaths.address(locale), { schema: { hide: true } }, async (req, reply) => {
      const cart = await readCart(req, config)
      if (!cart || !cart.lines.length) return seeOther(reply, checkoutPaths.cart(locale))
      return renderAddress(req, reply, cart, null, [])
    })

    app.post(checkoutPaths.address(locale), { schema: { hide: true, body: AddressBody }, attachValidation: true }, async (req, reply) => {
      const cart = await readCart(req, config)
      if (!cart || !cart.lines.length) return seeOther(reply, checkoutPaths.cart(locale))
      const raw = req.body as unknown
      const typed: AddressValues = { email: str(raw, 'email'), addressId: str(raw, 'addressId'), name: str(raw, 'name'), line1: str(raw, 'line1'), line2: str(raw, 'line2'), postalCode: str(raw, 'postalCode'), city: str(raw, 'city'), country: str(raw, 'country'), phone: str(raw, 'phone') }
      const errors: FieldError[] = []
      const say = (field: string, key: MessageKey, values?: Record<string, string>) => {
        if (!errors.some((e) => e.field === field)) errors.push({ field, message: t(locale, key, values) })
      }
      // Every problem at once: the edge schema's (e-mail, lengths, country) and the address rules'.
      if (req.validationError) for (const f of invalidFields(req.validationError)) say(f, f === 'email' ? 'checkout.error.email' : f === 'country' ? 'checkout.error.country' : 'checkout.error.tooLong')
      let shipTo: Address | null = null
      if (typed.addressId) {
        if (!req.validationError) {
          const s = await getAddress(req.ctx, { addressId: typed.addressId }) // another customer's id: 404, nothing saved
          shipTo = { name: s.name, line1: s.line1, line2: s.line2, postalCode: s.postalCode, city: s.city, country: s.country, phone: s.phone }
        }
      } else {
        const n = normalizeAddress({ name: typed.name, line1: typed.line1, line2: typed.line2, postalCode: typed.postalCode, city: typed.city, country: typed.country, phone: typed.phone })
        if (n.ok) shipTo = n.address
        else for (const p of n.problems) say(p.field, p.code === 'REQUIRED' ? (REQUIRED_FIELD[p.field] ?? 'checkout.error.line1') : ADDRESS_PROBLEM[p.code], { country: countryName(viewCtx(req, deps, {}), typed.country) })
      }
      if (errors.length || !shipTo || req.validationError) return renderAddress(req, reply, cart, typed, errors)
      const zone = resolveZone({ country: shipTo.country, postalCode: shipTo.postalCode })
      if (!zone.ok) {
        say(zone.params.field, zone.code === 'SHIPPING_COUNTRY_UNSUPPORTED' ? 'checkout.error.countryUnsupported' : zone.params.field === 'country' ? 'checkout.error.country' : 'checkout.error.postalCode')
        return renderAddress(req, reply, cart, typed, errors)
      }
      await saveCheckoutDetails(req.ctx, { cartId: cart.id, email: req.body.email, shipTo })
      return seeOther(reply, checkoutPaths.shipping(locale))
    })

    // ── b. delivery method (and date for fresh flowers)
    const renderShipping = (req: FastifyRequest, reply: FastifyReply, cart: Cart, quote: Quote, chosen: { method: string | null; date: string | null }, errors: FieldError[]) =>
      sendPrivatePage(reply, h(ShippingStep, { ctx: viewCtx(req, deps, alt(checkoutPaths.shipping)), csrf: csrfToken(req, reply), quote, shipTo: cart.shipTo!, email: cart.email!, chosen, errors, units: units(cart) }), errors.length ? 422 : 200)

    app.get(checkoutPaths.shipping(locale), { schema: { hide: true } }, async (req, reply) => {
      const cart = await readCart(req, config)
      if (!cart || !cart.lines.length) return seeOther(reply, checkoutPaths.cart(locale))
      if (!cart.email || !cart.shipTo) return seeOther(reply, checkoutPaths.address(locale))
      const quote = await priceCart(req.ctx, cart)
      return renderShipping(req, reply, cart, quote, { method: quote.shipping?.methodCode ?? null, date: quote.deliveryDate }, [])
    })

    app.post(checkoutPaths.shipping(locale), { schema: { hide: true, body: ShippingBody } }, async (req, reply) => {
      const cart = await readCart(req, config)
      if (!cart || !cart.lines.length) return seeOther(reply, checkoutPaths.cart(locale))
      if (!cart.email || !cart.shipTo) return seeOther(reply, checkoutPaths.address(locale))
      const quote = await priceCart(req.ctx, cart)
      const method = req.body.method ?? null
      const option = quote.shippingOptions.find((o) => o.methodCode === method)
      const rawDate = method ? str(req.body, deliveryDateField(method)) : ''
      const date = IsoDate.safeParse(rawDate).success ? rawDate : null
      const errors: FieldError[] = []
      if (!option) errors.push({ field: 'method', message: t(locale, 'checkout.error.method') })
      else if (option.deliveryDates && !date) errors.push({ field: deliveryDateField(option.methodCode), message: t(locale, 'checkout.error.date') })
      else if (option.deliveryDates && !option.deliveryDates.includes(date!)) errors.push({ field: deliveryDateField(option.methodCode), message: t(locale, 'checkout.error.dateInvalid') })
      if (errors.length) return renderShipping(req, reply, cart, quote, { method, date }, errors)
      await saveCheckoutDetails(req.ctx, { cartId: cart.id, shippingMethodCode: option!.methodCode, deliveryDate: option!.deliveryDates ? date : null })
      return seeOther(reply, checkoutPaths.payment(locale))
    })
  }
  registerPaymentStep(app, deps)
}
