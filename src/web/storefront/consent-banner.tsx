import type { Locale } from '../../kernel/ctx.ts'
import { CsrfField } from './account/forms.tsx'
import { CookieTable } from './cookie-table.tsx'
import { Layout } from './layout.tsx'
import { paths, type PageContext } from './page-context.ts'

/**
 * Audience measurement consent (CNIL 2020 guidelines, 2021-22 sanctions): "Tout refuser" is a button
 * of the same kind, size and place as "Tout accepter"; nothing is pre-ticked; the choice is kept
 * six months, then asked again; the footer link "Gérer les cookies" reopens it at any time.
 * The banner is in every page (pages are shared by the page cache) but closed: events.js opens
 * it when no choice is stored. Without JavaScript nothing is measured, so nothing is asked; the
 * footer link still leads to the same choice on its own page.
 */
const TEXT = {
  fr: {
    title: 'Mesure d’audience',
    body: 'Nous mesurons la fréquentation de Lakou pour l’améliorer, sans publicité ni suivi par d’autres sites. Sans votre accord, nous gardons seulement des statistiques anonymes du jour ; avec votre accord, un identifiant aléatoire (13 mois) nous permet de reconnaître une visite qui revient.',
    accept: 'Tout accepter',
    refuse: 'Tout refuser',
    more: 'En savoir plus',
    manage: 'Gérer les cookies',
    pageTitle: 'Cookies et mesure d’audience',
    current: { granted: 'Votre choix actuel : accepté.', denied: 'Votre choix actuel : refusé.', none: 'Vous n’avez pas encore fait de choix.' },
    details: ['Aucun cookie publicitaire ni traceur d’un autre site. Votre adresse IP n’est jamais enregistrée ; les données de mesure sont effacées après 25 mois.'],
    saved: 'Votre choix est enregistré.',
  },
  en: {
    title: 'Audience measurement',
    body: 'We measure visits to Lakou to improve it, with no advertising and no tracking by other sites. Without your consent we only keep anonymous statistics of the day; with it, a random identifier (13 months) lets us recognise a returning visit.',
    accept: 'Accept all',
    refuse: 'Refuse all',
    more: 'Learn more',
    manage: 'Manage cookies',
    pageTitle: 'Cookies and audience measurement',
    current: { granted: 'Your current choice: accepted.', denied: 'Your current choice: refused.', none: 'You have not made a choice yet.' },
    details: ['No advertising cookie and no tracker from another site. Your IP address is never stored; measurement data is deleted after 25 months.'],
    saved: 'Your choice is saved.',
  },
} as const

export const cookiesPath = (l: Locale): string => (l === 'fr' ? '/fr/cookies' : '/en/cookies')

/** The two equal buttons, posting to /consent and coming back to `back`. */
function ChoiceForm({ ctx, back, idPrefix }: { ctx: PageContext; back: string; idPrefix: string }) {
  const t = TEXT[ctx.locale]
  return (
    <form method="post" action="/consent" class="consent-actions" data-consent-form="" aria-describedby={`${idPrefix}-text`}>
      <CsrfField />
      <input type="hidden" name="back" value={back} />
      <button type="submit" name="choice" value="denied">{t.refuse}</button>{' '}
      <button type="submit" name="choice" value="granted">{t.accept}</button>
    </form>
  )
}

/**
 * The banner of every page: a closed non-modal dialog that events.js opens when no choice is stored.
 * Non-modal, it is drawn over the top of the page (the browser's own dialog style, absolute): no
 * layout shift, the page stays usable. site.css may give `.consent-banner` the age gate's panel look.
 */
export function ConsentBanner({ ctx }: { ctx: PageContext }) {
  const t = TEXT[ctx.locale]
  return (
    <dialog class="consent-banner" id="consent-banner" data-consent-banner="" aria-labelledby="consent-title" aria-describedby="consent-text" tabIndex={-1}>
      <h2 id="consent-title">{t.title}</h2>
      <p id="consent-text">{t.body} <a href={cookiesPath(ctx.locale)}>{t.more}</a></p>
      <ChoiceForm ctx={ctx} back={ctx.url ?? ctx.path} idPrefix="consent" />
    </dialog>
  )
}

/** "Gérer les cookies" in the footer: reopens the banner (events.js), else leads to the cookies page. */
export function ConsentFooterLink({ ctx }: { ctx: PageContext }) {
  return <a href={cookiesPath(ctx.locale)} data-consent-open="">{TEXT[ctx.locale].manage}</a>
}

/** The cookies page: every cookie kept and why (cookie-register.ts), the current choice and the same two buttons. */
export function CookiesPage({ ctx, choice, saved }: { ctx: PageContext; choice: 'granted' | 'denied' | null; saved: boolean }) {
  const t = TEXT[ctx.locale]
  return (
    <Layout ctx={ctx} seo={{ title: `${t.pageTitle} — Lakou`, description: t.title, index: false }}>
      <h1>{t.pageTitle}</h1>
      {saved ? <p class="flash" role="status">{t.saved}</p> : null}
      <p id="cookies-text">{t.body}</p>
      <CookieTable ctx={ctx} />
      {t.details.map((d) => <p>{d}</p>)}
      <p><strong>{t.current[choice ?? 'none']}</strong></p>
      <ChoiceForm ctx={ctx} back={`${cookiesPath(ctx.locale)}?saved=1`} idPrefix="cookies" />
      <p><a href={paths.legal(ctx.locale, 'privacy')}>{ctx.t('footer.privacy')}</a></p>
    </Layout>
  )
}

/** The kind of storefront page, from its path: `data-page-type` on <body>, read by events.js. */
export function pageTypeOf(path: string): string {
  const p = path.replace(/^\/(fr|en)/, '')
  if (p === '/' || p === '') return 'home'
  const rules: [RegExp, string][] = [
    [/^\/p\//, 'product'], [/^\/c\//, 'category'], [/^\/collections\//, 'collection'], [/^\/search/, 'search'],
    [/^\/(producteurs|producers)/, 'producer'], [/^\/(panier|cart)$/, 'cart'],
    [/^\/(commande\/adresse|checkout\/address)$/, 'checkout_address'], [/^\/(commande\/livraison|checkout\/shipping)$/, 'checkout_shipping'],
    [/^\/(commande\/paiement|checkout\/payment)$/, 'checkout_payment'], [/^\/(commande|checkout)\/ord_[0-9A-Z]{26}\/confirmation$/, 'confirmation'],
    [/^\/(commandes|orders)\//, 'order'], [/^\/legal\//, 'legal'], [/^\/(compte|account)/, 'account'], [/^\/cookies$/, 'cookies'],
  ]
  return rules.find(([re]) => re.test(p))?.[1] ?? 'other'
}

/** Where events.js imports the web-vitals library from (served by src/http/analytics/web-vitals.routes.ts). */
export const WEB_VITALS_PATH = '/analytics/web-vitals.js'
