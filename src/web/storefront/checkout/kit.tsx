import type { ComponentChildren } from 'preact'
import type { Locale } from '../../../kernel/ctx.ts'
import { INTL_LOCALE } from '../../i18n/index.ts'
import { money, num, type PageContext } from '../page-context.ts'
import { checkoutPaths } from './checkout-paths.ts'

/** A field's error, already in words, shown next to the field and in the summary at the top. */
export type FieldError = { field: string; message: string }

export const fieldId = (name: string): string => `f-${name}`
export const errorOf = (errors: readonly FieldError[], field: string): string | undefined => errors.find((e) => e.field === field)?.message

/** The anti-forgery token every state-changing form carries (see http/plugins/csrf.ts). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />
}

/**
 * Errors of a failed form, at its top, each linking to its field (WCAG 3.3.1); role="alert"
 * makes screen readers announce it as the page loads.
 */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: readonly FieldError[] }) {
  if (!errors.length) return null
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{ctx.t('checkout.errors.title')}</h2>
      <ul>
        {errors.map((e) => (
          <li><a href={`#${fieldId(e.field)}`}>{e.message}</a></li>
        ))}
      </ul>
    </div>
  )
}

type FieldProps = {
  ctx: PageContext
  name: string
  label: string
  value?: string | undefined
  error?: string | undefined
  hint?: string | undefined
  type?: string
  autoComplete?: string
  inputMode?: 'numeric' | 'email' | 'tel' | 'text'
  maxLength?: number
  optional?: boolean
  required?: boolean
}

/** A labelled input with its hint and error tied by aria-describedby; the typed value is kept. */
export function TextField(p: FieldProps) {
  const id = fieldId(p.name)
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.optional ? <span class="muted"> {p.ctx.t('checkout.optional')}</span> : null}
      </label>
      {p.hint ? <p id={`${id}-hint`} class="hint">{p.hint}</p> : null}
      {p.error ? <p id={`${id}-error`} class="field-error">{p.error}</p> : null}
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength ?? 200}
        required={p.required ?? false}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  )
}

const STEPS = ['cart', 'address', 'shipping', 'payment'] as const
export type CheckoutStep = (typeof STEPS)[number]

/** Where the shopper is in the checkout; earlier steps are links back. */
export function CheckoutSteps({ ctx, current }: { ctx: PageContext; current: CheckoutStep }) {
  const l = ctx.locale
  const href: Record<CheckoutStep, string> = { cart: checkoutPaths.cart(l), address: checkoutPaths.address(l), shipping: checkoutPaths.shipping(l), payment: checkoutPaths.payment(l) }
  const at = STEPS.indexOf(current)
  return (
    <nav class="checkout-steps" aria-label={ctx.t('checkout.steps')}>
      <ol>
        {STEPS.map((s, i) => (
          <li class={i === at ? 'current' : undefined}>
            {i < at ? <a href={href[s]}>{ctx.t(`checkout.step.${s}`)}</a> : <span aria-current={i === at ? 'step' : undefined}>{ctx.t(`checkout.step.${s}`)}</span>}
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** "27,90 €" from integer cents. */
export const eur = (ctx: PageContext, cents: number): string => money(ctx, { amount: cents, currency: 'EUR' })

/** A VAT rate in basis points as "20 %", "5,5 %", "2,1 %". */
export const ratePercent = (ctx: PageContext, bp: number): string => `${num(ctx, bp / 100)} %`

const day = (iso: string) => new Date(`${iso}T12:00:00Z`)
const dateFormat = (locale: Locale, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', ...opts })

/** "livraison estimée entre mar. 14 et jeu. 16 déc." (DOMAIN.md §6: the promise as a date range). */
export function promiseText(ctx: PageContext, promise: { from: string; to: string }): string {
  const long = dateFormat(ctx.locale, { weekday: 'short', day: 'numeric', month: 'short' })
  if (promise.from === promise.to) return ctx.t('checkout.promise.on', { date: long.format(day(promise.to)) })
  const sameMonth = promise.from.slice(0, 7) === promise.to.slice(0, 7)
  const first = sameMonth ? dateFormat(ctx.locale, { weekday: 'short', day: 'numeric' }) : long
  return ctx.t('checkout.promise.between', { from: first.format(day(promise.from)), to: long.format(day(promise.to)) })
}

/** "vendredi 4 décembre 2026" for a picked delivery date. */
export const longDate = (ctx: PageContext, iso: string): string => dateFormat(ctx.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(day(iso))

/**
 * A moment with its date, time and zone ("30 novembre 2026 à 14:05 UTC−4"): the withdrawal
 * acknowledgement must give both date and time (C. consom. L221-21). Guadeloupe shoppers
 * read Guadeloupe time, everyone else Paris time.
 */
export function dateTime(ctx: PageContext, at: Date): string {
  const timeZone = ctx.market === 'GP' ? 'America/Guadeloupe' : 'Europe/Paris'
  return new Intl.DateTimeFormat(INTL_LOCALE[ctx.locale], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at) + ` (${timeZoneName(ctx.locale, timeZone, at)})`
}

function timeZoneName(locale: Locale, timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
  return part?.value ?? timeZone
}

/** Amounts of an order or a quote as the recap shows them (all VAT included, in cents). */
export type TotalsView = {
  goods: number
  discount: number
  shipping: number | null
  taxAdjustment: number
  gross: number
  excise: number
  vatByRate: readonly { rateBp: number; vat: number }[]
  promoCode: string | null
  shippingLabel: string | null
}

/** Goods, discount, delivery, total TTC, then the VAT per rate and the duties it includes. */
export function Totals({ ctx, totals: tv, caption }: { ctx: PageContext; totals: TotalsView; caption?: ComponentChildren }) {
  const { t } = ctx
  return (
    <table class="totals">
      {caption ? <caption>{caption}</caption> : null}
      <tbody>
        <tr><th scope="row">{t('totals.goods')}</th><td>{eur(ctx, tv.goods)}</td></tr>
        {tv.discount > 0 ? <tr><th scope="row">{tv.promoCode ? t('totals.discountCode', { code: tv.promoCode }) : t('totals.discount')}</th><td>−{eur(ctx, tv.discount)}</td></tr> : null}
        <tr>
          <th scope="row">{tv.shippingLabel ? t('totals.shippingWith', { method: tv.shippingLabel }) : t('totals.shipping')}</th>
          <td>{tv.shipping === null ? t('totals.shippingLater') : tv.shipping === 0 ? t('totals.free') : eur(ctx, tv.shipping)}</td>
        </tr>
        {tv.taxAdjustment !== 0 ? <tr><th scope="row">{t('totals.taxAdjustment')}</th><td>{tv.taxAdjustment > 0 ? '' : '−'}{eur(ctx, Math.abs(tv.taxAdjustment))}</td></tr> : null}
        <tr class="grand-total"><th scope="row">{t('totals.total')}</th><td>{eur(ctx, tv.gross)}</td></tr>
        {tv.vatByRate.map((r) => (
          <tr class="sub"><th scope="row">{t('totals.vatAt', { rate: ratePercent(ctx, r.rateBp) })}</th><td>{eur(ctx, r.vat)}</td></tr>
        ))}
        {tv.excise > 0 ? <tr class="sub"><th scope="row">{t('totals.excise')}</th><td>{eur(ctx, tv.excise)}</td></tr> : null}
      </tbody>
    </table>
  )
}

/** A one-line postal address. */
export function addressLine(a: { name: string; line1: string; line2?: string | null; postalCode: string; city: string; country: string }, countryName: (code: string) => string): string {
  return [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, countryName(a.country)].filter(Boolean).join(', ')
}
