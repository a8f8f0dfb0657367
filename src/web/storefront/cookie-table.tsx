import { COOKIE_REGISTER, lifetimeText } from './cookie-register.ts'
import type { PageContext } from './page-context.ts'

const TEXT = {
  fr: { caption: 'Cookies et stockage utilisés par Lakou', name: 'Nom', purpose: 'Finalité', lifetime: 'Durée', consent: 'Votre accord', yes: 'Oui : seulement si vous acceptez', no: 'Non : nécessaire au service', storage: ' (stockage de l’onglet)' },
  en: { caption: 'Cookies and storage used by Lakou', name: 'Name', purpose: 'Purpose', lifetime: 'Lifetime', consent: 'Your consent', yes: 'Yes: only if you accept', no: 'No: needed by the service', storage: ' (tab storage)' },
} as const

/** The register of every cookie Lakou sets (cookie-register.ts), one row each. */
export function CookieTable({ ctx }: { ctx: PageContext }) {
  const t = TEXT[ctx.locale]
  return (
    // a narrow screen scrolls the table sideways; the region is focusable so keyboards can scroll it too
    <div class="table-scroll" role="region" aria-label={t.caption} tabindex={0}>
    <table class="cookie-register" id="cookie-register">
      <caption>{t.caption}</caption>
      <thead>
        <tr><th scope="col">{t.name}</th><th scope="col">{t.purpose}</th><th scope="col">{t.lifetime}</th><th scope="col">{t.consent}</th></tr>
      </thead>
      <tbody>
        {COOKIE_REGISTER.map((c) => (
          <tr data-cookie={c.name}>
            <th scope="row"><code>{c.name}</code>{c.storage === 'sessionStorage' ? t.storage : ''}</th>
            <td>{c.purpose[ctx.locale]}</td>
            <td>{lifetimeText(ctx.locale, c)}</td>
            <td>{c.needsConsent ? t.yes : t.no}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  )
}
