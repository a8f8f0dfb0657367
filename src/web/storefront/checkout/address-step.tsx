import { Layout } from '../layout.tsx'
import type { PageContext } from '../page-context.ts'
import { checkoutPaths } from './checkout-paths.ts'
import { CountrySelect } from './countries.tsx'
import { CheckoutSteps, CsrfField, ErrorSummary, TextField, errorOf, type FieldError } from './kit.tsx'

/** What the shopper typed (kept when the form comes back with errors); `country` as the form shows it (GP, not FR). */
export type AddressValues = { email: string; name: string; line1: string; line2: string; postalCode: string; city: string; country: string; phone: string; addressId: string }
export type SavedAddressChoice = { id: string; label: string }

export type AddressStepProps = { ctx: PageContext; csrf: string; values: AddressValues; errors: FieldError[]; saved: SavedAddressChoice[]; units: number }

/** Step 1: contact e-mail and delivery address (a signed-in customer may pick a saved one). */
export function AddressStep({ ctx, csrf, values, errors, saved, units }: AddressStepProps) {
  const { t } = ctx
  const err = (f: string) => errorOf(errors, f)
  // With saved addresses the new-address fields are optional in the browser: the server decides.
  const required = saved.length === 0
  return (
    <Layout ctx={ctx} seo={{ title: `${t('checkout.address.title')} — Lakou`, description: t('checkout.address.title'), index: false }} cartUnits={units} styles={['checkout.css']}>
      <CheckoutSteps ctx={ctx} current="address" />
      <h1>{t('checkout.address.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={checkoutPaths.address(ctx.locale)} class="checkout-form" noValidate>
        <CsrfField token={csrf} />
        <fieldset>
          <legend>{t('checkout.address.contact')}</legend>
          <TextField ctx={ctx} name="email" label={t('checkout.field.email')} type="email" autoComplete="email" inputMode="email" value={values.email} error={err('email')} hint={t('checkout.field.emailHint')} maxLength={254} required />
        </fieldset>
        {saved.length ? (
          <fieldset class="saved-addresses">
            <legend>{t('checkout.address.saved')}</legend>
            {saved.map((a) => (
              <div class="choice">
                <input type="radio" id={`f-address-${a.id}`} name="addressId" value={a.id} checked={values.addressId === a.id} />
                <label for={`f-address-${a.id}`}>{a.label}</label>
              </div>
            ))}
            <div class="choice">
              <input type="radio" id="f-addressId" name="addressId" value="" checked={values.addressId === ''} />
              <label for="f-addressId">{t('checkout.address.new')}</label>
            </div>
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{saved.length ? t('checkout.address.newTitle') : t('checkout.address.delivery')}</legend>
          <TextField ctx={ctx} name="name" label={t('checkout.field.name')} autoComplete="shipping name" value={values.name} error={err('name')} maxLength={100} required={required} />
          <TextField ctx={ctx} name="line1" label={t('checkout.field.line1')} autoComplete="shipping address-line1" value={values.line1} error={err('line1')} maxLength={120} required={required} />
          <TextField ctx={ctx} name="line2" label={t('checkout.field.line2')} autoComplete="shipping address-line2" value={values.line2} error={err('line2')} maxLength={120} optional />
          <TextField ctx={ctx} name="postalCode" label={t('checkout.field.postalCode')} autoComplete="shipping postal-code" value={values.postalCode} error={err('postalCode')} maxLength={12} required={required} />
          <TextField ctx={ctx} name="city" label={t('checkout.field.city')} autoComplete="shipping address-level2" value={values.city} error={err('city')} maxLength={80} required={required} />
          <CountrySelect ctx={ctx} value={values.country} error={err('country')} />
          <TextField ctx={ctx} name="phone" label={t('checkout.field.phone')} type="tel" autoComplete="shipping tel" inputMode="tel" value={values.phone} error={err('phone')} hint={t('checkout.field.phoneHint')} maxLength={20} optional />
        </fieldset>
        <div class="form-actions">
          <button type="submit">{t('checkout.address.submit')}</button>
          <a href={checkoutPaths.cart(ctx.locale)}>{t('checkout.backToCart')}</a>
        </div>
      </form>
    </Layout>
  )
}
