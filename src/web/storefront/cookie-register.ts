import type { Locale } from '../../kernel/ctx.ts'

/**
 * Every cookie (and browser storage key) Lakou sets, as the cookies page and the privacy policy
 * list them (ePrivacy art. 5(3), CNIL 2020 guidelines: name, purpose, lifetime, consent).
 * test/http/cookie-register.test.ts scans the code for the names it sets and fails when one is
 * missing here: add a cookie, add its line.
 */
export type CookieEntry = {
  name: string
  /** a cookie, or the tab's sessionStorage (read by our script only, never sent) */
  storage: 'cookie' | 'sessionStorage'
  /** who writes it: the server (Set-Cookie) or the page's script */
  setBy: 'server' | 'browser'
  /** lifetime in seconds (the cookie's Max-Age or its session's), null: until the tab is closed */
  maxAgeSeconds: number | null
  /** only after the visitor accepted audience measurement */
  needsConsent: boolean
  purpose: Record<Locale, string>
  /** said after the lifetime ('without activity', 'extended at each visit') */
  lifetimeNote?: Record<Locale, string>
}

const DAY = 86_400

export const COOKIE_REGISTER: readonly CookieEntry[] = [
  { name: 'lakou_consent', storage: 'cookie', setBy: 'server', maxAgeSeconds: 182 * DAY, needsConsent: false,
    purpose: { fr: 'Votre choix sur la mesure d’audience (accepté ou refusé), pour ne pas vous le redemander.', en: 'Your audience-measurement choice (accepted or refused), so we do not ask again.' } },
  { name: 'lakou_vid', storage: 'cookie', setBy: 'server', maxAgeSeconds: 395 * DAY, needsConsent: true,
    purpose: { fr: 'Identifiant aléatoire de mesure d’audience, pour reconnaître une visite qui revient ; jamais partagé.', en: 'A random audience-measurement identifier, to recognise a returning visit; never shared.' } },
  { name: 'lakou_sid', storage: 'cookie', setBy: 'browser', maxAgeSeconds: 1800, needsConsent: false,
    purpose: { fr: 'La visite en cours, pour des statistiques anonymes de fréquentation (mesure d’audience exemptée de consentement).', en: 'The current visit, for anonymous visit statistics (audience measurement exempt from consent).' },
    lifetimeNote: { fr: 'sans activité', en: 'without activity' } },
  { name: 'lakou_market', storage: 'cookie', setBy: 'server', maxAgeSeconds: 365 * DAY, needsConsent: false,
    purpose: { fr: 'La zone de livraison choisie, pour afficher les bons prix et la bonne TVA.', en: 'The delivery area you chose, to show the right prices and VAT.' } },
  { name: 'lakou_age', storage: 'cookie', setBy: 'browser', maxAgeSeconds: 365 * DAY, needsConsent: false,
    purpose: { fr: 'Votre confirmation d’avoir 18 ans ou plus, sur les pages de boissons alcoolisées.', en: 'Your confirmation that you are 18 or over, on alcoholic drink pages.' } },
  { name: 'lakou_cart', storage: 'cookie', setBy: 'server', maxAgeSeconds: 60 * DAY, needsConsent: false,
    purpose: { fr: 'Votre panier (identifiant signé), pour le retrouver d’une page à l’autre.', en: 'Your cart (a signed identifier), kept from page to page.' } },
  { name: 'lakou_cart_units', storage: 'cookie', setBy: 'server', maxAgeSeconds: 60 * DAY, needsConsent: false,
    purpose: { fr: 'Le nombre d’articles du panier, affiché dans l’en-tête.', en: 'The number of items in the cart, shown in the header.' } },
  { name: 'lakou_session', storage: 'cookie', setBy: 'server', maxAgeSeconds: 30 * DAY, needsConsent: false,
    purpose: { fr: 'Votre connexion à votre compte client, effacée à la déconnexion.', en: 'Your sign-in to your customer account, deleted when you sign out.' },
    lifetimeNote: { fr: 'prolongés quand vous revenez', en: 'extended when you come back' } },
  { name: 'lakou_csrf', storage: 'cookie', setBy: 'server', maxAgeSeconds: 365 * DAY, needsConsent: false,
    purpose: { fr: 'Protection de vos formulaires contre la falsification de requêtes (CSRF).', en: 'Protects your forms against cross-site request forgery (CSRF).' } },
  { name: 'lakou_staff', storage: 'cookie', setBy: 'server', maxAgeSeconds: 12 * 3600, needsConsent: false,
    purpose: { fr: 'Connexion de l’équipe de Lakou au back-office (l’équipe seulement).', en: 'The Lakou team’s sign-in to the back office (team only).' } },
  { name: 'lakou_producer', storage: 'cookie', setBy: 'server', maxAgeSeconds: 12 * 3600, needsConsent: false,
    purpose: { fr: 'Connexion d’un producteur à son portail (producteurs seulement).', en: 'A producer’s sign-in to their portal (producers only).' } },
  { name: 'lakou_pt', storage: 'sessionStorage', setBy: 'browser', maxAgeSeconds: null, needsConsent: false,
    purpose: { fr: 'Le type de la dernière page vue dans l’onglet, pour mesurer le passage d’une liste à une fiche produit.', en: 'The kind of the last page seen in the tab, to measure clicks from a listing to a product.' } },
]

const UNITS: Record<Locale, Record<'minute' | 'hour' | 'day' | 'month' | 'year', [string, string]>> = {
  fr: { minute: ['minute', 'minutes'], hour: ['heure', 'heures'], day: ['jour', 'jours'], month: ['mois', 'mois'], year: ['an', 'ans'] },
  en: { minute: ['minute', 'minutes'], hour: ['hour', 'hours'], day: ['day', 'days'], month: ['month', 'months'], year: ['year', 'years'] },
}

/** "30 minutes", "12 heures", "60 jours", "6 mois", "1 an"; null: until the tab is closed. */
export function lifetimeText(locale: Locale, e: Pick<CookieEntry, 'maxAgeSeconds' | 'lifetimeNote'>): string {
  const s = e.maxAgeSeconds
  if (s === null) return locale === 'fr' ? 'jusqu’à la fermeture de l’onglet' : 'until the tab is closed'
  const [n, unit] = s < 2 * 3600 ? [s / 60, 'minute'] as const
    : s < 2 * DAY ? [s / 3600, 'hour'] as const
      : s < 90 * DAY ? [s / DAY, 'day'] as const
        : s < 365 * DAY ? [s / (DAY * 30.4), 'month'] as const
          : s % (365 * DAY) === 0 ? [s / (365 * DAY), 'year'] as const : [s / (DAY * 30.4), 'month'] as const
  const count = Math.round(n)
  const text = `${count} ${UNITS[locale][unit][count > 1 ? 1 : 0]}`
  return e.lifetimeNote ? `${text}, ${e.lifetimeNote[locale]}` : text
}
