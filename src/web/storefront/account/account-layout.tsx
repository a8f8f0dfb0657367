import type { ComponentChildren } from 'preact'
import type { MessageKey } from '../../i18n/index.ts'
import { Layout } from '../layout.tsx'
import type { PageContext } from '../page-context.ts'
import { CsrfField } from './forms.tsx'
import { accountPaths } from './paths.ts'

/** Shell of every account page: noindex, a title, and for a signed-in customer the account menu with sign out. */
export function AccountLayout({ ctx, title, titleValues, csrf, signedIn, children }: { ctx: PageContext; title: MessageKey; titleValues?: Record<string, string>; csrf: string; signedIn: boolean; children: ComponentChildren }) {
  const { t } = ctx
  const heading = t(title, titleValues)
  const l = ctx.locale
  return (
    <Layout ctx={ctx} seo={{ title: `${heading} — Lakou`, description: t('account.description'), index: false }}>
      <div class="account legal">
        {signedIn ? (
          <nav aria-label={t('account.menu')} class="account-menu">
            <ul class="chips">
              <li><a href={accountPaths.home(l)} aria-current={ctx.path === accountPaths.home(l) ? 'page' : undefined}>{t('account.home.title')}</a></li>
              <li><a href={accountPaths.addresses(l)} aria-current={ctx.path.startsWith(accountPaths.addresses(l)) ? 'page' : undefined}>{t('account.addresses.title')}</a></li>
              <li><a href={accountPaths.orders(l)} aria-current={ctx.path === accountPaths.orders(l) ? 'page' : undefined}>{t('account.orders.title')}</a></li>
            </ul>
            <form method="post" action={accountPaths.signOut(l)}>
              <CsrfField token={csrf} />
              <button type="submit" class="secondary">{t('account.signOut')}</button>
            </form>
          </nav>
        ) : null}
        <h1>{heading}</h1>
        {children}
      </div>
    </Layout>
  )
}
