import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { LOCALES, type Ctx, type Locale } from '../../kernel/ctx.ts'
import { addAddress, deleteAddress, getAddress, getCustomer, ISO_COUNTRIES, listAddresses, overseasDepartmentOf, PREFERRED_COUNTRIES, updateAddress, type Address, type AddressProblem, type SaveAddressResult } from '../../modules/customers/index.ts'
import type { MessageKey } from '../../web/i18n/index.ts'
import { AccountHomePage, OrdersPage, type AccountOrderSummary } from '../../web/storefront/account/account-pages.tsx'
import { AddressesPage, AddressFormPage, type AddressView } from '../../web/storefront/account/address-pages.tsx'
import type { FieldErrors } from '../../web/storefront/account/forms.tsx'
import { accountPaths } from '../../web/storefront/account/paths.ts'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { accountCtx, sendAccountPage } from './account.routes.ts'
import { AccountQuery, AddressForm, AddressParams, parseForm } from './account.contract.ts'

const NOTICES: Record<string, MessageKey> = { welcome: 'account.notice.welcome', reset: 'account.notice.passwordReset', saved: 'account.notice.addressSaved', deleted: 'account.notice.addressDeleted' }
const PROBLEMS: Record<AddressProblem['code'], MessageKey> = {
  REQUIRED: 'account.error.required', TOO_LONG: 'account.error.tooLong', COUNTRY_UNKNOWN: 'account.error.countryUnknown', POSTAL_CODE_INVALID: 'account.error.postalCodeInvalid',
  POSTAL_CODE_TERRITORY_MISMATCH: 'account.error.postalCodeMismatch', PHONE_INVALID: 'account.error.phoneInvalid',
}

/** An address as shown and edited: a French overseas address shows its department (GP), as the shopper picked it. */
const toView = (a: Address): AddressView => ({ ...a, country: overseasDepartmentOf(a.country, a.postalCode) ?? a.country })
const addressInput = (v: Partial<Record<'name' | 'line1' | 'line2' | 'postalCode' | 'city' | 'country' | 'phone' | 'isDefault', string>>) => ({
  name: v.name ?? '', line1: v.line1 ?? '', line2: v.line2 ?? null, postalCode: v.postalCode ?? '', city: v.city ?? '', country: v.country ?? '', phone: v.phone ?? null, isDefault: v.isDefault === '1',
})
const formValues = (a: AddressView): Record<string, string> => ({ name: a.name, line1: a.line1, line2: a.line2 ?? '', postalCode: a.postalCode, city: a.city, country: a.country, phone: a.phone ?? '', isDefault: a.isDefault ? '1' : '' })

/**
 * Anonymous visitors are sent to sign in, then back here (a safe local `next`). A session that
 * expired while a form was open lands there too: the CSRF check refused the POST first.
 */
function signedIn(req: FastifyRequest, reply: FastifyReply, l: Locale): boolean {
  if (req.customerSession) return true
  const back = req.method === 'GET' ? req.url : accountPaths.home(l)
  void reply.redirect(`${accountPaths.signIn(l)}?next=${encodeURIComponent(back)}`, 303)
  return false
}

/** The signed-in area: account home, orders (provided by checkout), addresses (list, add, edit, delete). */
export function registerAccountAreaPages(app: App, deps: RouteDeps, opts: { listCustomerOrders: (ctx: Ctx) => Promise<AccountOrderSummary[]> }): void {
  const countries = { preferred: [...PREFERRED_COUNTRIES], others: [...ISO_COUNTRIES].filter((c) => !(PREFERRED_COUNTRIES as readonly string[]).includes(c)) }
  for (const l of LOCALES) {
    const notice = (req: FastifyRequest) => NOTICES[(req.query as { done?: string }).done ?? ''] ?? null

    app.get(accountPaths.home(l), { schema: { hide: true, querystring: AccountQuery } }, async (req, reply) => {
      if (!signedIn(req, reply, l)) return reply
      const [customer, addresses] = await Promise.all([getCustomer(req.ctx, { customerId: req.customerSession!.customerId }), listAddresses(req.ctx)])
      return sendAccountPage(reply, h(AccountHomePage, { ctx: accountCtx(req, deps, accountPaths.home), csrf: csrfToken(req, reply), customer: { ...customer, addressCount: addresses.length }, notice: notice(req) }))
    })

    app.get(accountPaths.orders(l), { schema: { hide: true } }, async (req, reply) => {
      if (!signedIn(req, reply, l)) return reply
      return sendAccountPage(reply, h(OrdersPage, { ctx: accountCtx(req, deps, accountPaths.orders), csrf: csrfToken(req, reply), orders: await opts.listCustomerOrders(req.ctx) }))
    })

    app.get(accountPaths.addresses(l), { schema: { hide: true, querystring: AccountQuery } }, async (req, reply) => {
      if (!signedIn(req, reply, l)) return reply
      const addresses = (await listAddresses(req.ctx)).map(toView)
      return sendAccountPage(reply, h(AddressesPage, { ctx: accountCtx(req, deps, accountPaths.addresses), csrf: csrfToken(req, reply), addresses, notice: notice(req) }))
    })

    const form = (req: FastifyRequest, reply: FastifyReply, addressId: string | null, values: Record<string, string>, errors: FieldErrors, status = 200, formError?: MessageKey) => {
      const ctx = accountCtx(req, deps, (x) => (addressId ? accountPaths.address(x, addressId) : accountPaths.newAddress(x)))
      return sendAccountPage(reply, h(AddressFormPage, { ctx, csrf: csrfToken(req, reply), addressId, values, errors, formError, countries }), status)
    }
    const answer = (req: FastifyRequest, reply: FastifyReply, addressId: string | null, raw: Record<string, string>, result: SaveAddressResult) => {
      if (result.ok) return reply.redirect(`${accountPaths.addresses(l)}?done=saved`, 303)
      if (result.code === 'CUSTOMERS_ADDRESS_LIMIT') return form(req, reply, addressId, raw, {}, 409, 'account.error.addressLimit')
      return form(req, reply, addressId, raw, Object.fromEntries(result.problems.map((p) => [p.field, PROBLEMS[p.code]])), 400)
    }

    app.get(accountPaths.newAddress(l), { schema: { hide: true } }, async (req, reply) => {
      if (!signedIn(req, reply, l)) return reply
      return form(req, reply, null, { country: req.ctx.market === 'GP' ? 'GP' : 'FR' }, {})
    })
    app.post(accountPaths.newAddress(l), { schema: { hide: true } }, async (req, reply) => {
      if (!signedIn(req, reply, l)) return reply
      const f = parseForm(AddressForm, req.body)
      if (!f.ok) return form(req, reply, null, f.raw, f.errors, 400)
      return answer(req, reply, null, f.raw, await addAddress(req.ctx, addressInput(f.values)))
    })

    app.get(`${accountPaths.addresses(l)}/:id`, { schema: { hide: true, params: AddressParams } }, async (req, reply) => {
      if (!signedIn(req, reply, l)) return reply
      return form(req, reply, req.params.id, formValues(toView(await getAddress(req.ctx, { addressId: req.params.id }))), {})
    })
    app.post(`${accountPaths.addresses(l)}/:id`, { schema: { hide: true, params: AddressParams } }, async (req, reply) => {
      if (!signedIn(req, reply, l)) return reply
      const f = parseForm(AddressForm, req.body)
      if (!f.ok) {
        await getAddress(req.ctx, { addressId: req.params.id }) // another customer's id: 404 before any field error
        return form(req, reply, req.params.id, f.raw, f.errors, 400)
      }
      return answer(req, reply, req.params.id, f.raw, await updateAddress(req.ctx, { ...addressInput(f.values), addressId: req.params.id }))
    })
    app.post(`${accountPaths.deleteAddress(l, ':id')}`, { schema: { hide: true, params: AddressParams } }, async (req, reply) => {
      if (!signedIn(req, reply, l)) return reply
      await deleteAddress(req.ctx, { addressId: req.params.id })
      return reply.redirect(`${accountPaths.addresses(l)}?done=deleted`, 303)
    })
  }
}
