import { IntlMessageFormat } from 'intl-messageformat'
import type { Locale } from '../../kernel/ctx.ts'
import { en } from './en.ts'
import { fr, type MessageKey } from './fr.ts'

export type { MessageKey }
const catalogs: Record<Locale, Record<MessageKey, string>> = { fr, en }
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
