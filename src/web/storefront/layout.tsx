import type { ComponentChildren } from 'preact'
import { LEGAL_PAGES, paths, type PageContext } from './page-context.ts'
import { CsrfField } from './account/forms.tsx'
import { accountPaths } from './account/paths.ts'
import { ConsentBanner, ConsentFooterLink, pageTypeOf, WEB_VITALS_PATH } from './consent-banner.tsx'

export type SeoMeta = {
  title: string
  description: string
  /** false: noindex (search results, filtered listings, errors) */
  index?: boolean
  ogType?: 'website' | 'product' | 'profile'
  /** absolute or site-relative image URL for Open Graph */
  image?: string | undefined
  /** schema.org objects, each rendered as one JSON-LD script */
  jsonLd?: object[]
  /** site-relative canonical URL when it is not ctx.path (page 2 of a listing: `/fr/c/rhums?page=2`) */
  canonical?: string
  /** rel prev/next of a paginated listing (site-relative) */
  prev?: string | undefined
  next?: string | undefined
}

/** JSON for a <script type="application/ld+json">: `<`, `>` and `&` escaped so no text can close the script. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

export const absoluteUrl = (ctx: PageContext, p: string): string => (/^https?:\/\//.test(p) ? p : `${ctx.publicUrl}${p}`)

const MARKET_CHOICES = ['FR-MAINLAND', 'GP'] as const

export type LayoutProps = {
  ctx: PageContext
  seo: SeoMeta
  /** the page shows spirits: the health message of the loi Evin (CSP L3323-4) */
  alcohol?: boolean
  /** the full-width "sale of alcohol to minors prohibited" banner (arrêté of 17 Oct 2016: home and payment pages) */
  minorsBanner?: boolean
  /** an age-restricted page: the 18+ confirmation dialog (opened by site.js) and a static notice for no-JS visitors */
  ageGate?: boolean
  /** units in the shopper's cart, known on private pages; elsewhere cart.js shows them (pages are shared by the page cache) */
  cartUnits?: number
  /** extra stylesheets of this page (asset names), e.g. checkout.css */
  styles?: string[]
  children: ComponentChildren
}

/**
 * The HTML shell of every storefront page: one title and description per page,
 * canonical and hreflang links, Open Graph, JSON-LD, skip link, header with search
 * and delivery-area switch, footer with the legal pages.
 */
export function Layout(props: LayoutProps) {
  const { ctx, seo } = props
  const { t } = ctx
  const other = ctx.locale === 'fr' ? 'en' : 'fr'
  const canonical = absoluteUrl(ctx, seo.canonical ?? ctx.path)
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{seo.title}</title>
        <meta name="description" content={seo.description} />
        {seo.index === false ? <meta name="robots" content="noindex, follow" /> : null}
        <link rel="canonical" href={canonical} />
        {seo.prev ? <link rel="prev" href={absoluteUrl(ctx, seo.prev)} /> : null}
        {seo.next ? <link rel="next" href={absoluteUrl(ctx, seo.next)} /> : null}
        {Object.entries(ctx.alternates).map(([lang, href]) => (
          <link rel="alternate" hrefLang={lang} href={absoluteUrl(ctx, href)} />
        ))}
        {ctx.alternates.fr ? <link rel="alternate" hrefLang="x-default" href={absoluteUrl(ctx, ctx.alternates.fr)} /> : null}
        <meta property="og:site_name" content="Lakou" />
        <meta property="og:type" content={seo.ogType ?? 'website'} />
        <meta property="og:title" content={seo.title} />
        <meta property="og:description" content={seo.description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content={ctx.locale === 'fr' ? 'fr_FR' : 'en_GB'} />
        {ctx.alternates[other] ? <meta property="og:locale:alternate" content={other === 'fr' ? 'fr_FR' : 'en_GB'} /> : null}
        {seo.image ? <meta property="og:image" content={absoluteUrl(ctx, seo.image)} /> : null}
        <meta name="theme-color" content="#0b5d4b" />
        <link rel="icon" href={ctx.asset('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.asset('site.css')} />
        {(props.styles ?? []).map((name) => <link rel="stylesheet" href={ctx.asset(name)} />)}
        {(seo.jsonLd ?? []).map((d) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(d) }} />
        ))}
        <script type="module" src={ctx.asset('site.js')} />
        <script type="module" src={ctx.asset('cart.js')} />
        <script type="module" src={ctx.asset('events.js')} id="lakou-events" data-vitals={WEB_VITALS_PATH} />
      </head>
      <body data-page-type={pageTypeOf(ctx.path)}>
        <a class="skip" href="#main">{t('nav.skip')}</a>
        <ConsentBanner ctx={ctx} />
        {props.minorsBanner ? <p class="minors-banner" role="note">{t('health.minors')}</p> : null}
        <header class="site-header">
          <a class="brand" href={paths.home(ctx.locale)}>
            Lakou <span class="tagline">{t('site.tagline')}</span>
          </a>
          <form class="search-form" role="search" action={paths.search(ctx.locale)} method="get">
            <label for="q" class="visually-hidden">{t('search.label')}</label>
            <input id="q" name="q" type="search" maxLength={100} placeholder={t('search.placeholder')} autoComplete="off" data-autocomplete={`/api/store/autocomplete?locale=${ctx.locale}`} />
            <button type="submit">{t('search.submit')}</button>
          </form>
          <nav class="site-nav" aria-label={t('nav.main')}>
            <a href={paths.producers(ctx.locale)}>{t('nav.producers')}</a>
            <a href={accountPaths.home(ctx.locale)}>{t('account.nav')}</a>
            <a href={ctx.locale === 'fr' ? '/fr/panier' : '/en/cart'} class="cart-link">
              {t('cart.nav')} <span class="cart-count" aria-hidden="true" data-cart-count="">{props.cartUnits ? `(${props.cartUnits})` : ''}</span>
              <span class="visually-hidden" data-cart-count-text="">{props.cartUnits ? t('cart.navUnits', { count: props.cartUnits }) : ''}</span>
            </a>
            {ctx.alternates[other] ? <a href={ctx.alternates[other]} hrefLang={other} lang={other}>{other === 'fr' ? 'Français' : 'English'}</a> : null}
          </nav>
          <form class="market-form" method="post" action="/market">
            <label for="market">{t('market.label')}</label>
            <select id="market" name="market">
              {MARKET_CHOICES.map((m) => (
                <option value={m} selected={m === ctx.market}>{t(`market.${m}`)}</option>
              ))}
            </select>
            <input type="hidden" name="back" value={ctx.url ?? ctx.path} />
            <CsrfField />
            <button type="submit" class="secondary">{t('market.submit')}</button>
          </form>
        </header>
        <main id="main">
          {props.ageGate ? <p class="age-notice">{t('age.notice')}</p> : null}
          {props.children}
        </main>
        {props.alcohol ? <p class="health-message">{t('health.alcohol')}</p> : null}
        <footer class="site-footer">
          <nav aria-label={t('footer.legal')}>
            <ul>
              {LEGAL_PAGES.map((p) => (
                <li><a href={paths.legal(ctx.locale, p)}>{t(`footer.${p}`)}</a></li>
              ))}
              <li><ConsentFooterLink ctx={ctx} /></li>
            </ul>
          </nav>
          <p class="disclaimer">{t('footer.disclaimer')}</p>
        </footer>
        {props.ageGate ? (
          <dialog class="age-gate" id="age-gate" aria-labelledby="age-gate-title" aria-describedby="age-gate-text" data-age-gate="">
            <h2 id="age-gate-title">{t('age.title')}</h2>
            <p id="age-gate-text">{t('age.text')}</p>
            <div class="age-actions">
              <button type="button" data-age-confirm="">{t('age.confirm')}</button>
              <a class="button secondary" href={paths.home(ctx.locale)} data-age-leave="">{t('age.leave')}</a>
            </div>
          </dialog>
        ) : null}
      </body>
    </html>
  )
}
