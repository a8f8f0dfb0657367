import { IntlMessageFormat } from 'intl-messageformat'
import type { Locale } from '../../kernel/ctx.ts'
import { accountEn } from './account-en.ts'
import { accountFr, type AccountMessageKey } from './account-fr.ts'
import { checkoutEn } from './checkout-en.ts'
import { checkoutFr, type CheckoutMessageKey } from './checkout-fr.ts'
import { en } from './en.ts'
import { fr, type MessageKey as BaseMessageKey } from './fr.ts'

/** Every message key: the base catalogue plus each area's own file (checkout-*.ts, account-*.ts). */
export type MessageKey = BaseMessageKey | CheckoutMessageKey | AccountMessageKey
const catalogs: Record<Locale, Record<MessageKey, string>> = { fr: { ...fr, ...checkoutFr, ...accountFr }, en: { ...en, ...checkoutEn, ...accountEn } }
export const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' }

const cache = new Map<string, IntlMessageFormat>()

/** Translates an ICU message ("{count, plural, one {# produit} other {# produits}}"). */
export function t(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  const id = `${locale}:${key}`
  let f = cache.get(id)
  if (!f) {
    f = new IntlMessageFormat(catalogs[locale][key], INTL_LOCALE[locale])
    cache.set(id, f)
  }
  return String(f.format(values))
}

/** A translator bound to one locale, for views. */
export const translator = (locale: Locale) => (key: MessageKey, values?: Record<string, string | number>) => t(locale, key, values)
export type T = ReturnType<typeof translator>
