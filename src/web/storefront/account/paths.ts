import type { Locale } from '../../../kernel/ctx.ts'

const base = (l: Locale) => (l === 'fr' ? '/fr/compte' : '/en/account')
const seg = (l: Locale, fr: string, en: string) => `${base(l)}/${l === 'fr' ? fr : en}`

/** URLs of the account pages in each language. */
export const accountPaths = {
  home: base,
  signUp: (l: Locale) => seg(l, 'inscription', 'sign-up'),
  signIn: (l: Locale) => seg(l, 'connexion', 'sign-in'),
  signOut: (l: Locale) => seg(l, 'deconnexion', 'sign-out'),
  forgotPassword: (l: Locale) => seg(l, 'mot-de-passe-oublie', 'forgot-password'),
  resetPassword: (l: Locale) => seg(l, 'reinitialiser', 'reset-password'),
  addresses: (l: Locale) => seg(l, 'adresses', 'addresses'),
  newAddress: (l: Locale) => `${seg(l, 'adresses', 'addresses')}/${l === 'fr' ? 'nouvelle' : 'new'}`,
  address: (l: Locale, id: string) => `${seg(l, 'adresses', 'addresses')}/${id}`,
  deleteAddress: (l: Locale, id: string) => `${seg(l, 'adresses', 'addresses')}/${id}/${l === 'fr' ? 'supprimer' : 'delete'}`,
  orders: (l: Locale) => seg(l, 'commandes', 'orders'),
}

/** The same account page in both languages (hreflang, language switch). */
export const accountAlternates = (page: (l: Locale) => string): Record<Locale, string> => ({ fr: page('fr'), en: page('en') })
