import type { Quote } from '../../../modules/checkout/index.ts'
import type { PageContext } from '../page-context.ts'
import { CsrfField, eur, fieldId } from './kit.tsx'
import { promoErrorText } from './problems.ts'

export type PromoFlash = { code: string; error: string | null } | null

/**
 * The promo code field: apply (the server decides what it is worth) or remove. An error is
 * the one just refused (flash) or the one the kept code now meets (basket below its minimum…).
 */
export function PromoForm(props: { ctx: PageContext; csrf: string; quote: Quote; keptCode: string | null; action: string; back: 'cart' | 'payment'; flash: PromoFlash }) {
  const { ctx, csrf, quote, action, back, flash } = props
  const { t } = ctx
  const id = fieldId('code')
  const error = flash?.error ? promoErrorText(ctx, flash.error) : quote.promoError ? promoErrorText(ctx, quote.promoError) : null
  return (
    <section class="promo" aria-labelledby="promo-title">
      <h2 id="promo-title">{t('promo.title')}</h2>
      {quote.promo ? (
        <form method="post" action={action} class="inline-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="action" value="remove" />
          <p class="promo-applied" role="status">
            {quote.promo.freeShipping ? t('promo.appliedFreeShipping', { code: quote.promo.code }) : t('promo.applied', { code: quote.promo.code, amount: eur(ctx, quote.promo.discountGross) })}
          </p>
          <button type="submit" class="secondary">{t('promo.remove')}</button>
        </form>
      ) : null}
      {!quote.promo && props.keptCode ? (
        <form method="post" action={action} class="inline-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="action" value="remove" />
          <button type="submit" class="secondary">{t('promo.remove')}</button>
        </form>
      ) : null}
      <form method="post" action={action} class={error ? 'promo-form has-error' : 'promo-form'}>
        <CsrfField token={csrf} />
        <input type="hidden" name="back" value={back} />
        <input type="hidden" name="action" value="apply" />
        <label for={id}>{t('promo.label')}</label>
        {error ? <p id={`${id}-error`} class="field-error">{error}</p> : null}
        <div class="inline-form">
          <input id={id} name="code" type="text" maxLength={40} autoComplete="off" value={flash?.code ?? (quote.promo ? '' : (props.keptCode ?? ''))} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
          <button type="submit" class="secondary">{t('promo.apply')}</button>
        </div>
      </form>
    </section>
  )
}
