import type { MessageKey } from '../../i18n/index.ts'
import type { PageContext } from '../page-context.ts'
import { AccountLayout } from './account-layout.tsx'
import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from './forms.tsx'
import { accountPaths } from './paths.ts'

/** An address as the pages show it; `country` is what the shopper picked (GP for a 971 postal code). */
export type AddressView = { id: string; name: string; line1: string; line2: string | null; postalCode: string; city: string; country: string; phone: string | null; isDefault: boolean }

const regionNames = new Map<string, Intl.DisplayNames>()
/** 'GP' → "Guadeloupe", 'DE' → "Allemagne" / "Germany". */
export function countryName(ctx: PageContext, code: string): string {
  let names = regionNames.get(ctx.locale)
  if (!names) regionNames.set(ctx.locale, (names = new Intl.DisplayNames([ctx.locale === 'fr' ? 'fr-FR' : 'en-GB'], { type: 'region' })))
  return names.of(code) ?? code
}

/** The saved addresses with edit and delete, and a link to add one. */
export function AddressesPage({ ctx, csrf, addresses, notice }: { ctx: PageContext; csrf: string; addresses: AddressView[]; notice: MessageKey | null }) {
  const { t } = ctx
  const l = ctx.locale
  return (
    <AccountLayout ctx={ctx} title="account.addresses.title" csrf={csrf} signedIn>
      <Notice text={notice ? t(notice) : null} />
      {addresses.length === 0 ? <p class="empty">{t('account.addresses.none')}</p> : (
        <ul class="variants">
          {addresses.map((a) => (
            <li class="variant">
              <address>
                {a.name}<br />{a.line1}<br />{a.line2 ? <>{a.line2}<br /></> : null}{a.postalCode} {a.city}<br />{countryName(ctx, a.country)}
                {a.phone ? <><br />{a.phone}</> : null}
              </address>
              {a.isDefault ? <p><strong>{t('account.addresses.default')}</strong></p> : null}
              <p>
                <a href={accountPaths.address(l, a.id)}>{t('account.addresses.edit')}<span class="visually-hidden"> {a.name}, {a.line1}</span></a>
              </p>
              <form method="post" action={accountPaths.deleteAddress(l, a.id)}>
                <CsrfField token={csrf} />
                <button type="submit" class="secondary">{t('account.addresses.delete')}<span class="visually-hidden"> {a.name}, {a.line1}</span></button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <p><a class="button" href={accountPaths.newAddress(l)}>{t('account.addresses.add')}</a></p>
    </AccountLayout>
  )
}

const LABELS: Record<string, MessageKey> = {
  name: 'account.field.addressName', line1: 'account.field.line1', line2: 'account.field.line2', postalCode: 'account.field.postalCode',
  city: 'account.field.city', country: 'account.field.country', phone: 'account.field.phone',
}

export type AddressFormProps = {
  ctx: PageContext
  csrf: string
  /** null: a new address */
  addressId: string | null
  values: Partial<Record<keyof typeof LABELS | 'isDefault', string>>
  errors: FieldErrors
  formError?: MessageKey | undefined
  /** country codes offered first (the markets and overseas departments), then the others (sorted by name here) */
  countries: { preferred: string[]; others: string[] }
}

/** Add or edit an address; errors next to each field, the typed values kept. */
export function AddressFormPage({ ctx, csrf, addressId, values, errors, formError, countries }: AddressFormProps) {
  const { t } = ctx
  const l = ctx.locale
  const v = values
  return (
    <AccountLayout ctx={ctx} title={addressId ? 'account.addresses.editTitle' : 'account.addresses.add'} csrf={csrf} signedIn>
      <ErrorSummary ctx={ctx} errors={errors} labels={LABELS} formError={formError} />
      <form method="post" action={addressId ? accountPaths.address(l, addressId) : accountPaths.newAddress(l)} novalidate>
        <CsrfField token={csrf} />
        <Field ctx={ctx} name="name" label="account.field.addressName" value={v.name} error={errors.name} autoComplete="name" required maxLength={120} />
        <Field ctx={ctx} name="line1" label="account.field.line1" value={v.line1} error={errors.line1} autoComplete="address-line1" required maxLength={120} />
        <Field ctx={ctx} name="line2" label="account.field.line2" value={v.line2} error={errors.line2} autoComplete="address-line2" maxLength={120} />
        <Field ctx={ctx} name="postalCode" label="account.field.postalCode" value={v.postalCode} error={errors.postalCode} autoComplete="postal-code" required maxLength={10} />
        <Field ctx={ctx} name="city" label="account.field.city" value={v.city} error={errors.city} autoComplete="address-level2" required maxLength={80} />
        <p class="field">
          <label for="country">{t('account.field.country')}</label>
          <br />
          {errors.country ? <strong id="country-error" class="not-sold">{t(errors.country)}<br /></strong> : null}
          <select id="country" name="country" autoComplete="country" required aria-invalid={errors.country ? 'true' : undefined} aria-describedby={errors.country ? 'country-error' : undefined}>
            {countries.preferred.map((c) => <option value={c} selected={c === (v.country ?? 'FR')}>{countryName(ctx, c)}</option>)}
            <optgroup label={t('account.field.otherCountries')}>
              {countries.others.map((c) => [c, countryName(ctx, c)] as const).sort((a, b) => a[1].localeCompare(b[1], ctx.locale)).map(([c, name]) => (
                <option value={c} selected={c === v.country}>{name}</option>
              ))}
            </optgroup>
          </select>
        </p>
        <Field ctx={ctx} name="phone" type="tel" label="account.field.phone" hint={t('account.phone.hint')} value={v.phone} error={errors.phone} autoComplete="tel" maxLength={25} />
        <p class="field">
          <input type="checkbox" id="isDefault" name="isDefault" value="1" checked={v.isDefault === '1'} />{' '}
          <label for="isDefault">{t('account.addresses.makeDefault')}</label>
        </p>
        <p><button type="submit">{t('account.addresses.save')}</button> <a href={accountPaths.addresses(l)}>{t('account.addresses.cancel')}</a></p>
      </form>
    </AccountLayout>
  )
}
