import type { PageContext } from '../page-context.ts'
import { TextField, errorOf, type FieldError } from './kit.tsx'

export type TestCardHint = { number: string; label: string }

/**
 * Card number, expiry, security code and holder, with the autocomplete tokens browsers and
 * password managers fill (cc-number, cc-exp, cc-csc, cc-name). The number and the code are
 * never written back into a page, even when the form returns with errors.
 */
export function CardFields({ ctx, values, errors, testCards }: { ctx: PageContext; values: { holderName: string; expiry: string }; errors: readonly FieldError[]; testCards: TestCardHint[] | null }) {
  const { t } = ctx
  const err = (f: string) => errorOf(errors, f)
  return (
    <div class="card-fields">
      <TextField ctx={ctx} name="cardNumber" label={t('payCard.number')} autoComplete="cc-number" inputMode="numeric" maxLength={23} error={err('cardNumber')} />
      <div class="field-row">
        <TextField ctx={ctx} name="cardExpiry" label={t('payCard.expiry')} hint={t('payCard.expiryHint')} autoComplete="cc-exp" inputMode="numeric" maxLength={7} value={values.expiry} error={err('cardExpiry')} />
        <TextField ctx={ctx} name="cardCvc" label={t('payCard.cvc')} hint={t('payCard.cvcHint')} autoComplete="cc-csc" inputMode="numeric" maxLength={4} error={err('cardCvc')} />
      </div>
      <TextField ctx={ctx} name="cardHolder" label={t('payCard.holder')} autoComplete="cc-name" maxLength={100} value={values.holderName} error={err('cardHolder')} />
      {testCards ? (
        <details class="test-cards">
          <summary>{t('payCard.testTitle')}</summary>
          <p>{t('payCard.testText')}</p>
          <ul>
            {testCards.map((c) => <li><code>{c.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code> — {c.label}</li>)}
          </ul>
        </details>
      ) : null}
    </div>
  )
}
