import type { MessageKey } from '../../i18n/index.ts'
import { Layout } from '../layout.tsx'
import { money, type PageContext } from '../page-context.ts'
import { AccountLayout } from './account-layout.tsx'
import { Notice } from './forms.tsx'
import { accountPaths } from './paths.ts'

export type AccountSummary = { firstName: string; lastName: string; email: string; birthDate: string | null; addressCount: number }

/** Account home: who is signed in, and where to go next. */
export function AccountHomePage({ ctx, csrf, customer, notice }: { ctx: PageContext; csrf: string; customer: AccountSummary; notice: MessageKey | null }) {
  const { t } = ctx
  const l = ctx.locale
  return (
    <AccountLayout ctx={ctx} title="account.home.heading" titleValues={{ name: customer.firstName }} csrf={csrf} signedIn>
      <Notice text={notice ? t(notice) : null} />
      <dl class="attributes">
        <div><dt>{t('account.field.name')}</dt><dd>{customer.firstName} {customer.lastName}</dd></div>
        <div><dt>{t('account.field.email')}</dt><dd>{customer.email}</dd></div>
        {customer.birthDate ? <div><dt>{t('account.field.birthDate')}</dt><dd>{new Date(`${customer.birthDate}T12:00:00Z`).toLocaleDateString(l === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}</dd></div> : null}
      </dl>
      <ul>
        <li><a href={accountPaths.addresses(l)}>{t('account.home.addresses', { count: customer.addressCount })}</a></li>
        <li><a href={accountPaths.orders(l)}>{t('account.orders.title')}</a></li>
      </ul>
    </AccountLayout>
  )
}

/** One line of the orders list (filled by the checkout's `listCustomerOrders`). */
export type AccountOrderSummary = { number: string; placedAt: Date; statusLabel: string; totalGross: number; url: string }

/** The customer's orders, newest first, or "no orders yet". */
export function OrdersPage({ ctx, csrf, orders }: { ctx: PageContext; csrf: string; orders: AccountOrderSummary[] }) {
  const { t } = ctx
  return (
    <AccountLayout ctx={ctx} title="account.orders.title" csrf={csrf} signedIn>
      {orders.length === 0 ? (
        <div class="empty">
          <p>{t('account.orders.none')}</p>
          <p><a href={`/${ctx.locale}/`}>{t('account.orders.shop')}</a></p>
        </div>
      ) : (
        <table class="nutrition">
          <caption>{t('account.orders.caption')}</caption>
          <thead><tr><th scope="col">{t('account.orders.number')}</th><th scope="col">{t('account.orders.date')}</th><th scope="col">{t('account.orders.status')}</th><th scope="col">{t('account.orders.total')}</th></tr></thead>
          <tbody>
            {orders.map((o) => (
              <tr>
                <th scope="row"><a href={o.url}>{o.number}</a></th>
                <td>{o.placedAt.toLocaleDateString(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' })}</td>
                <td>{o.statusLabel}</td>
                <td>{money(ctx, { amount: o.totalGross, currency: 'EUR' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AccountLayout>
  )
}

/** 403 for a form without a valid CSRF token: nothing was changed, reload and try again. */
export function CsrfErrorPage({ ctx, retryHref }: { ctx: PageContext; retryHref: string | null }) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} seo={{ title: `${t('account.csrf.title')} — Lakou`, description: t('account.csrf.text'), index: false }}>
      <section class="error-page">
        <h1>{t('account.csrf.title')}</h1>
        <p>{t('account.csrf.text')}</p>
        {retryHref ? <p><a href={retryHref}>{t('account.csrf.retry')}</a></p> : null}
        <p><a href={`/${ctx.locale}/`}>{t('error.back')}</a></p>
      </section>
    </Layout>
  )
}
