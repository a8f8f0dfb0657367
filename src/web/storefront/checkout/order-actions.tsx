import type { ComponentChildren } from 'preact'
import type { OrderView } from '../../../modules/orders/index.ts'
import { Layout } from '../layout.tsx'
import type { PageContext } from '../page-context.ts'
import { checkoutPaths, withToken } from './checkout-paths.ts'
import { CsrfField, ErrorSummary, dateTime, eur, fieldId, type FieldError } from './kit.tsx'

type Base = { ctx: PageContext; csrf: string; order: OrderView; token: string | null; units: number }

const TokenField = ({ token }: { token: string | null }) => (token ? <input type="hidden" name="t" value={token} /> : null)

function Page({ ctx, order, units, title, children }: Omit<Base, 'csrf' | 'token'> & { title: string; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} seo={{ title: `${title} — ${ctx.t('orderPage.title', { number: order.number })} — Lakou`, description: title, index: false }} cartUnits={units} styles={['checkout.css']}>
      {children}
    </Layout>
  )
}

/** The confirm step of a cancellation: an explicit second button, never a single click. */
export function CancelOrderPage({ ctx, csrf, order, token, units }: Base) {
  const { t } = ctx
  return (
    <Page ctx={ctx} order={order} units={units} title={t('orderPage.cancelTitle')}>
      <h1>{t('orderPage.cancelConfirmTitle', { number: order.number })}</h1>
      <p>{t('orderPage.cancelConfirmText', { amount: eur(ctx, order.totals.gross) })}</p>
      <form method="post" action={checkoutPaths.orderCancel(ctx.locale, order.id)} class="form-actions">
        <CsrfField token={csrf} />
        <TokenField token={token} />
        <button type="submit">{t('orderPage.cancelConfirm')}</button>
        <a href={withToken(checkoutPaths.order(ctx.locale, order.id), token)}>{t('orderPage.keep')}</a>
      </form>
    </Page>
  )
}

/** Lines a consumer may still withdraw from: eligible (L221-28) and not already withdrawn. */
export function withdrawableLines(order: OrderView): { id: string; name: string; left: number }[] {
  const taken = new Map<string, number>()
  for (const w of order.withdrawals) for (const x of w.lines) taken.set(x.orderLineId, (taken.get(x.orderLineId) ?? 0) + x.quantity)
  return order.lines.filter((x) => x.withdrawalEligible).map((x) => ({ id: x.id, name: x.name, left: x.quantity - (taken.get(x.id) ?? 0) })).filter((x) => x.left > 0)
}

export type WithdrawalValues = { lines: Record<string, number>; statement: string }

/**
 * The withdrawal function (C. consom. L221-21, ord. 2026-2): pick the lines and quantities,
 * optionally say why (never required), then "Confirmer la rétractation".
 */
export function WithdrawalPage({ ctx, csrf, order, token, units, values, errors }: Base & { values: WithdrawalValues; errors: FieldError[] }) {
  const { t } = ctx
  const lines = withdrawableLines(order)
  const excluded = order.lines.filter((x) => !x.withdrawalEligible)
  return (
    <Page ctx={ctx} order={order} units={units} title={t('withdrawal.title')}>
      <h1>{t('withdrawal.pageTitle', { number: order.number })}</h1>
      <p>{t('withdrawal.pageIntro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={checkoutPaths.orderWithdraw(ctx.locale, order.id)} class="checkout-form" noValidate>
        <CsrfField token={csrf} />
        <TokenField token={token} />
        <fieldset id={fieldId('lines')} tabIndex={-1}>
          <legend>{t('withdrawal.lines')}</legend>
          {lines.map((x, i) => (
            <div class="field withdrawal-line">
              <input type="checkbox" id={`f-line-${i}`} name="line" value={x.id} checked={(values.lines[x.id] ?? 0) > 0} />
              <label for={`f-line-${i}`}>{x.name}</label>
              <label for={`f-qty-${i}`} class="qty-label">{t('withdrawal.quantity')}<span class="visually-hidden"> — {x.name}</span></label>
              <select id={`f-qty-${i}`} name={`qty_${x.id}`}>
                {Array.from({ length: x.left }, (_, k) => k + 1).map((n) => <option value={String(n)} selected={(values.lines[x.id] ?? x.left) === n}>{n}</option>)}
              </select>
            </div>
          ))}
        </fieldset>
        {excluded.length ? <p class="muted">{t('withdrawal.excluded', { names: excluded.map((x) => x.name).join(', ') })}</p> : null}
        <div class="field">
          <label for={fieldId('statement')}>{t('withdrawal.statement')} <span class="muted">{t('checkout.optional')}</span></label>
          <textarea id={fieldId('statement')} name="statement" rows={4} maxLength={2000}>{values.statement}</textarea>
        </div>
        <div class="form-actions">
          <button type="submit">{t('withdrawal.confirm')}</button>
          <a href={withToken(checkoutPaths.order(ctx.locale, order.id), token)}>{t('withdrawal.backToOrder')}</a>
        </div>
      </form>
    </Page>
  )
}

/** The acknowledgement with the date and time the request was received (also e-mailed: a durable medium). */
export function WithdrawalReceiptPage({ ctx, order, token, units, withdrawal }: Omit<Base, 'csrf'> & { withdrawal: OrderView['withdrawals'][number] }) {
  const { t } = ctx
  const names = new Map(order.lines.map((x) => [x.id, x.name]))
  return (
    <Page ctx={ctx} order={order} units={units} title={t('withdrawal.receiptTitle')}>
      <h1>{t('withdrawal.receiptTitle')}</h1>
      <p class="flash" role="status">{t('withdrawal.receivedAt', { date: dateTime(ctx, withdrawal.receivedAt) })}</p>
      <p>{t('withdrawal.receiptText', { number: order.number, email: order.email })}</p>
      <ul>
        {withdrawal.lines.map((x) => <li>{t('withdrawal.receiptLine', { name: names.get(x.orderLineId) ?? x.orderLineId, quantity: x.quantity })}</li>)}
      </ul>
      <p>{t('withdrawal.next')}</p>
      <p><a href={withToken(checkoutPaths.order(ctx.locale, order.id), token)}>{t('withdrawal.backToOrder')}</a></p>
    </Page>
  )
}
