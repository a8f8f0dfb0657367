import type { Address, Quote } from '../../../modules/checkout/index.ts'
import { Layout } from '../layout.tsx'
import type { PageContext } from '../page-context.ts'
import { checkoutPaths } from './checkout-paths.ts'
import { addressCountryName } from './countries.tsx'
import { CheckoutSteps, CsrfField, ErrorSummary, addressLine, errorOf, eur, fieldId, longDate, promiseText, type FieldError } from './kit.tsx'
import { cartProblems, problemText } from './problems.ts'

export type ShippingStepProps = {
  ctx: PageContext
  csrf: string
  quote: Quote
  shipTo: Address
  email: string
  /** the option and flower delivery date picked (kept when the form comes back) */
  chosen: { method: string | null; date: string | null }
  errors: FieldError[]
  units: number
}

/** The field of an option's delivery date: one per flower option, so each keeps its own dates. */
export const deliveryDateField = (methodCode: string): string => `deliveryDate_${methodCode}`

/**
 * Step 2: only the options the quote found for the whole cart, each with its price and its
 * promise as a date range; fresh flowers need a delivery date. Lines that cannot travel to
 * this address are listed with the reason and a way back to the cart.
 */
export function ShippingStep({ ctx, csrf, quote, shipTo, email, chosen, errors, units }: ShippingStepProps) {
  const { t } = ctx
  const l = ctx.locale
  const undeliverable = quote.problems.filter((p) => p.variantId !== null)
  const nameOf = (variantId: string) => quote.lines.find((x) => x.variantId === variantId)?.name ?? t('cart.unavailableItem')
  return (
    <Layout ctx={ctx} seo={{ title: `${t('checkout.shipping.title')} — Lakou`, description: t('checkout.shipping.title'), index: false }} cartUnits={units} styles={['checkout.css']}>
      <CheckoutSteps ctx={ctx} current="shipping" />
      <h1>{t('checkout.shipping.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <section class="recap-box" aria-labelledby="ship-to-title">
        <h2 id="ship-to-title">{t('checkout.shipping.to')}</h2>
        <p>{addressLine(shipTo, () => addressCountryName(ctx, shipTo))}</p>
        <p class="muted">{email}</p>
        <p><a href={checkoutPaths.address(l)}>{t('checkout.change')}<span class="visually-hidden"> — {t('checkout.shipping.to')}</span></a></p>
      </section>
      {cartProblems(quote).map((p) => <p class="notice" role="alert">{problemText(ctx, p, quote)}</p>)}
      {undeliverable.length ? (
        <section class="notice" aria-labelledby="undeliverable-title">
          <h2 id="undeliverable-title">{t('checkout.shipping.undeliverable')}</h2>
          <ul>
            {undeliverable.map((p) => <li><strong>{nameOf(p.variantId!)}</strong> — {problemText(ctx, p, quote)}</li>)}
          </ul>
          <p><a href={checkoutPaths.cart(l)}>{t('checkout.shipping.editCart')}</a></p>
        </section>
      ) : null}
      {quote.shippingOptions.length === 0 ? (
        <p class="notice">{t('checkout.shipping.none')}</p>
      ) : (
        <form method="post" action={checkoutPaths.shipping(l)} class="checkout-form" noValidate>
          <CsrfField token={csrf} />
          <fieldset id={fieldId('method')} tabIndex={-1}>
            <legend>{t('checkout.shipping.method')}</legend>
            {errorOf(errors, 'method') ? <p class="field-error">{errorOf(errors, 'method')}</p> : null}
            {quote.shippingOptions.map((o, i) => {
              const id = `f-method-${i}`
              const checked = chosen.method ? chosen.method === o.methodCode : quote.shippingOptions.length === 1
              const dateField = deliveryDateField(o.methodCode)
              const dateError = errorOf(errors, dateField)
              return (
                <div class="choice shipping-option">
                  <input type="radio" id={id} name="method" value={o.methodCode} checked={checked} aria-describedby={`${id}-promise`} />
                  <label for={id}>
                    <strong>{o.name[l]}</strong> — {o.priceGross === 0 ? t('totals.free') : eur(ctx, o.priceGross)}
                  </label>
                  <p id={`${id}-promise`} class="muted">{promiseText(ctx, o.promise)}{o.perShipment.length > 1 ? ` ${t('checkout.shipping.parcels', { count: o.perShipment.length })}` : ''}</p>
                  {o.deliveryDates ? (
                    <div class={dateError ? 'field has-error' : 'field'}>
                      <label for={fieldId(dateField)}>{t('checkout.shipping.date')}</label>
                      <p id={`${fieldId(dateField)}-hint`} class="hint">{t('checkout.shipping.dateHint')}</p>
                      {dateError ? <p id={`${fieldId(dateField)}-error`} class="field-error">{dateError}</p> : null}
                      <select id={fieldId(dateField)} name={dateField} aria-invalid={dateError ? 'true' : undefined} aria-describedby={`${fieldId(dateField)}-hint${dateError ? ` ${fieldId(dateField)}-error` : ''}`}>
                        <option value="">{t('checkout.shipping.datePick')}</option>
                        {o.deliveryDates.map((d) => <option value={d} selected={checked && chosen.date === d}>{longDate(ctx, d)}</option>)}
                      </select>
                    </div>
                  ) : null}
                </div>
              )
            })}
          </fieldset>
          <div class="form-actions">
            <button type="submit">{t('checkout.shipping.submit')}</button>
            <a href={checkoutPaths.address(l)}>{t('checkout.back')}</a>
          </div>
        </form>
      )}
    </Layout>
  )
}
