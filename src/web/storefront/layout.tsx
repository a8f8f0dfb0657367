import type { ComponentChildren } from 'preact'
import type { PageContext } from './page-context.ts'

export type SeoMeta = {
  title: string
  description: string
  /** false: noindex (search results pages with filters, errors) */
  index?: boolean
  ogType?: 'website' | 'product' | 'profile'
  /** absolute or site-relative image URL for Open Graph */
  image?: string | undefined
  /** schema.org objects, each rendered as one JSON-LD script */
  jsonLd?: object[]
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no text can close the script. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

const abs = (ctx: PageContext, p: string) => (p.startsWith('http') ? p : `${ctx.publicUrl}${p}`)

/**
 * The HTML shell of every storefront page: one title and description per page,
 * canonical and hreflang links, Open Graph, JSON-LD, skip link, header with search,
 * footer with the legal pages. `alcohol` shows the mandatory health messages.
 */
export function Layout(props: { ctx: PageContext; seo: SeoMeta; alcohol?: boolean; children: ComponentChildren }) {
  const { ctx, seo } = props
  const { t } = ctx
  const other = ctx.locale === 'fr' ? 'en' : 'fr'
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{seo.title}</title>
        <meta name="description" content={seo.description} />
        {seo.index === false ? <meta name="robots" content="noindex, follow" /> : null}
        <link rel="canonical" href={abs(ctx, ctx.path)} />
        {Object.entries(ctx.alternates).map(([lang, href]) => (
          <link rel="alternate" hrefLang={lang} href={abs(ctx, href)} />
        ))}
        {ctx.alternates.fr ? <link rel="alternate" hrefLang="x-default" href={abs(ctx, ctx.alternates.fr)} /> : null}
        <meta property="og:site_name" content="Lakou" />
        <meta property="og:type" content={seo.ogType ?? 'website'} />
        <meta property="og:title" content={seo.title} />
        <meta property="og:description" content={seo.description} />
        <meta property="og:url" content={abs(ctx, ctx.path)} />
        <meta property="og:locale" content={ctx.locale === 'fr' ? 'fr_FR' : 'en_GB'} />
        {seo.image ? <meta property="og:image" content={abs(ctx, seo.image)} /> : null}
        <meta name="theme-color" content="#0b5d4b" />
        <link rel="icon" href={ctx.asset('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.asset('site.css')} />
        {(seo.jsonLd ?? []).map((d) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(d) }} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">{t('nav.skip')}</a>
        {props.alcohol ? <p class="health-banner">{t('health.minors')}</p> : null}
        <header class="site-header">
          <a class="brand" href={`/${ctx.locale}/`}>
            Lakou <span class="tagline">{t('site.tagline')}</span>
          </a>
          <form class="search-form" role="search" action={`/${ctx.locale}/search`} method="get">
            <label for="q" class="visually-hidden">{t('search.label')}</label>
            <input id="q" name="q" type="search" maxLength={100} placeholder={t('search.placeholder')} autoComplete="off" data-autocomplete={`/api/store/autocomplete?locale=${ctx.locale}`} />
            <button type="submit">{t('search.submit')}</button>
          </form>
          <nav aria-label={t('nav.language')} class="lang-switch">
            {ctx.alternates[other] ? <a href={ctx.alternates[other]} hrefLang={other} lang={other}>{other === 'fr' ? 'Français' : 'English'}</a> : null}
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          {props.alcohol ? <p class="health-message">{t('health.alcohol')}</p> : null}
          <nav aria-label={t('footer.legal')}>
            <ul>
              <li><a href={`/${ctx.locale}/legal/terms`}>{t('footer.terms')}</a></li>
              <li><a href={`/${ctx.locale}/legal/notice`}>{t('footer.notice')}</a></li>
              <li><a href={`/${ctx.locale}/legal/privacy`}>{t('footer.privacy')}</a></li>
              <li><a href={`/${ctx.locale}/legal/withdrawal`}>{t('footer.withdrawal')}</a></li>
            </ul>
          </nav>
          <p class="disclaimer">{t('footer.disclaimer')}</p>
        </footer>
        <script type="module" src={ctx.asset('site.js')} defer />
      </body>
    </html>
  )
}
