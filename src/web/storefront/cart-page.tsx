import type { Quote, QuoteLine } from '../../modules/checkout/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { checkoutPaths } from './checkout/checkout-paths.ts'
import { CheckoutSteps, CsrfField, eur } from './checkout/kit.tsx'
import { cartProblems, lineProblems, problemText, unsoldVariants } from './checkout/problems.ts'
import { PromoForm, type PromoFlash } from './checkout/promo-form.tsx'
import { Layout } from './layout.tsx'
import { paths, type PageContext } from './page-context.ts'

export type CartPageProps = {
  ctx: PageContext
  csrf: string
  /** null: no cart yet, or an empty one */
  quote: Quote | null
  keptPromoCode: string | null
  units: number
  /** name of the product just added (flash after the no-JS form) */
  added: string | null
  promoFlash: PromoFlash
  /** why the shopper is (back) here: a refused change, or the checkout sent them back */
  notice: MessageKey | null
}

/**
 * The cart: each line with its price, quantity form and remove button, and what stops it from
 * being ordered written on the line itself; the goods total (delivery is priced once the
 * address is known), the promo code and the way to the checkout. Every amount is the quote's.
 */
export function CartPage(props: CartPageProps) {
  const { ctx, quote } = props
  const { t } = ctx
  const empty = !quote || (quote.lines.length === 0 && unsoldVariants(quote).length === 0)
  return (
    <Layout ctx={ctx} seo={{ title: `${t('cart.title')} — Lakou`, description: t('cart.title'), index: false }} cartUnits={props.units} styles={['checkout.css']}>
      <CheckoutSteps ctx={ctx} current="cart" />
      <h1>{t('cart.title')}</h1>
      {props.added ? <p class="flash" role="status">{t('cart.added', { name: props.added })}</p> : null}
      {props.notice ? <p class="notice" role="alert">{t(props.notice)}</p> : null}
      {empty ? (
        <div class="empty">
          <p>{t('cart.empty')}</p>
          <p><a href={paths.home(ctx.locale)}>{t('cart.continue')}</a></p>
        </div>
      ) : (
        <FilledCart {...props} quote={quote} />
      )}
    </Layout>
  )
}

function FilledCart(props: CartPageProps & { quote: Quote }) {
  const { ctx, quote, csrf } = props
  const { t } = ctx
  const l = ctx.locale
  const blocking = quote.problems.length > 0
  return (
    <>
      {cartProblems(quote).map((p) => <p class="notice" role="note">{problemText(ctx, p, quote)}</p>)}
      <ul class="cart-lines" aria-label={t('cart.lines')}>
        {quote.lines.map((line, i) => <CartLine ctx={ctx} csrf={csrf} quote={quote} line={line} index={i} />)}
        {unsoldVariants(quote).map((variantId) => (
          <li class="cart-line has-problem" id={`line-${variantId}`}>
            <div class="cart-line-main">
              <p class="line-name">{t('cart.unavailableItem')}</p>
              <p class="line-problem">{t('problem.notSold')}</p>
            </div>
            <RemoveForm ctx={ctx} csrf={csrf} variantId={variantId} name={t('cart.unavailableItem')} />
          </li>
        ))}
      </ul>
      <div class="cart-summary">
        <table class="totals">
          <tbody>
            <tr><th scope="row">{t('totals.goods')}</th><td>{eur(ctx, quote.totals.goods)}</td></tr>
            {quote.totals.discount > 0 ? <tr><th scope="row">{t('totals.discountCode', { code: quote.promo?.code ?? '' })}</th><td>−{eur(ctx, quote.totals.discount)}</td></tr> : null}
            <tr><th scope="row">{t('totals.shipping')}</th><td>{t('totals.shippingLater')}</td></tr>
            <tr class="grand-total"><th scope="row">{t('cart.subtotal')}</th><td>{eur(ctx, quote.totals.goods - quote.totals.discount)}</td></tr>
          </tbody>
        </table>
        <PromoForm ctx={ctx} csrf={csrf} quote={quote} keptCode={props.keptPromoCode} action={checkoutPaths.cartPromo(l)} back="cart" flash={props.promoFlash} />
        {blocking ? <p class="notice">{t('cart.fixProblems')}</p> : null}
        <form method="get" action={checkoutPaths.address(l)} class="checkout-go">
          <button type="submit">{t('cart.checkout')}</button>
        </form>
        <p><a href={paths.home(l)}>{t('cart.continue')}</a></p>
      </div>
    </>
  )
}

function CartLine({ ctx, csrf, quote, line, index }: { ctx: PageContext; csrf: string; quote: Quote; line: QuoteLine; index: number }) {
  const { t } = ctx
  const problems = lineProblems(quote, line.variantId)
  const qtyId = `qty-${index}`
  return (
    <li class={problems.length ? 'cart-line has-problem' : 'cart-line'} id={`line-${line.variantId}`}>
      <div class="cart-line-main">
        <a class="line-name" href={paths.product(ctx.locale, line.productSlug)}>{line.name}</a>
        <p class="muted">{t('cart.unitPrice', { price: eur(ctx, line.unitGross) })}</p>
        {problems.map((p) => <p class="line-problem">{problemText(ctx, p, quote)}</p>)}
      </div>
      <form method="post" action={checkoutPaths.cartUpdate(ctx.locale)} class="qty-form">
        <CsrfField token={csrf} />
        <input type="hidden" name="variantId" value={line.variantId} />
        <label for={qtyId}>{t('cart.quantity')}<span class="visually-hidden"> — {line.name}</span></label>
        <input id={qtyId} name="quantity" type="number" inputMode="numeric" min={1} max={99} step={1} value={String(line.quantity)} required />
        <button type="submit" class="secondary">{t('cart.update')}<span class="visually-hidden"> — {line.name}</span></button>
      </form>
      <p class="line-total">{eur(ctx, line.lineGross)}</p>
      <RemoveForm ctx={ctx} csrf={csrf} variantId={line.variantId} name={line.name} />
    </li>
  )
}

function RemoveForm({ ctx, csrf, variantId, name }: { ctx: PageContext; csrf: string; variantId: string; name: string }) {
  return (
    <form method="post" action={checkoutPaths.cartRemove(ctx.locale)} class="remove-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="variantId" value={variantId} />
      <button type="submit" class="link-button">{ctx.t('cart.remove')}<span class="visually-hidden"> — {name}</span></button>
    </form>
  )
}
