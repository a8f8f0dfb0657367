import type { Locale } from '../../../kernel/ctx.ts'
import { INTL_LOCALE } from '../../i18n/index.ts'
import type { PageContext } from '../page-context.ts'
import { fieldId } from './kit.tsx'

/**
 * Countries of the delivery form. The overseas departments are listed as themselves (a
 * shopper looks for "Guadeloupe", not "France") and stored as FR + their postal code, like
 * saved addresses and invoices (La Poste addresses, country FR); mainland France comes first.
 */
export const HOME_COUNTRIES = ['FR', 'GP', 'MQ', 'RE'] as const
export const EU_COUNTRIES = ['DE', 'AT', 'BE', 'BG', 'CY', 'HR', 'DK', 'ES', 'EE', 'FI', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'CZ', 'RO', 'SK', 'SI', 'SE'] as const
export const OTHER_COUNTRIES = ['MC', 'CH', 'GB', 'NO', 'US', 'CA', 'GF', 'YT', 'BL', 'MF'] as const
export const FORM_COUNTRIES: readonly string[] = [...HOME_COUNTRIES, ...EU_COUNTRIES, ...OTHER_COUNTRIES]

/** Postal-code prefix of each overseas department offered in the form. */
export const DEPARTMENT_PREFIX: Readonly<Record<string, string>> = { GP: '971', MQ: '972', RE: '974', GF: '973', YT: '976' }

/** The country as the form shows it: FR with a 971 code is Guadeloupe. */
export function formCountry(country: string, postalCode: string): string {
  if (country !== 'FR') return country
  const dept = Object.entries(DEPARTMENT_PREFIX).find(([, prefix]) => postalCode.replace(/\s/g, '').startsWith(prefix))
  return dept && !['97133', '97150'].includes(postalCode.replace(/\s/g, '')) ? dept[0] : 'FR'
}

const names = new Map<Locale, Intl.DisplayNames>()

/** "Guadeloupe", "Allemagne" / "Germany"; FR alone is mainland France. */
export function countryName(ctx: PageContext, code: string): string {
  if (code === 'FR') return ctx.t('shipCountry.FR')
  let n = names.get(ctx.locale)
  if (!n) names.set(ctx.locale, (n = new Intl.DisplayNames([INTL_LOCALE[ctx.locale]], { type: 'region', fallback: 'code' })))
  return n.of(code) ?? code
}

/** The country of an address for display: overseas departments by name. */
export const addressCountryName = (ctx: PageContext, a: { country: string; postalCode: string }): string => countryName(ctx, formCountry(a.country, a.postalCode))

export function CountrySelect({ ctx, value, error }: { ctx: PageContext; value: string; error?: string | undefined }) {
  const id = fieldId('country')
  const sorted = (codes: readonly string[]) => [...codes].sort((a, b) => countryName(ctx, a).localeCompare(countryName(ctx, b), INTL_LOCALE[ctx.locale]))
  const groups: [string, readonly string[]][] = [
    [ctx.t('shipCountry.group.home'), HOME_COUNTRIES],
    [ctx.t('shipCountry.group.eu'), sorted(EU_COUNTRIES)],
    [ctx.t('shipCountry.group.other'), sorted(OTHER_COUNTRIES)],
  ]
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{ctx.t('checkout.field.country')}</label>
      {error ? <p id={`${id}-error`} class="field-error">{error}</p> : null}
      <select id={id} name="country" autoComplete="country" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {groups.map(([label, codes]) => (
          <optgroup label={label}>
            {codes.map((c) => (
              <option value={c} selected={c === value}>{countryName(ctx, c)}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  )
}
