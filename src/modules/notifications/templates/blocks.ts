import type { Locale } from '../../../kernel/ctx.ts'
import { formatMoney, money } from '../../../kernel/money.ts'

/**
 * An e-mail body as a list of blocks, rendered once as plain text and once as HTML, so the two
 * parts always say the same thing. HTML is escaped here (every text goes through `esc`), simple
 * and accessible: real headings, a table with a caption and header cells, visible link texts.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** a call to action: the link text is shown in HTML, the URL on its own line in text */
  | { kind: 'link'; text: string; href: string }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][]; foot?: string[][] }
  | { kind: 'list'; title?: string; items: string[] }
  /** label: value lines (an address, bank details) */
  | { kind: 'details'; title: string; items: [string, string][] }
  /** a message that must stand out (health warning, action needed) */
  | { kind: 'notice'; text: string }

export type RenderedEmail = { subject: string; text: string; html: string }

const INTL: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' }

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/** Cents → "27,90 €" / "€27.90". */
export const eur = (locale: Locale, cents: number): string => formatMoney(money(cents), INTL[locale])

/** Basis points → "8,5 %" / "8.5%". */
export const percent = (locale: Locale, bp: number): string => new Intl.NumberFormat(INTL[locale], { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10000)

/** A date and time with its zone ("19 juin 2026 à 14:03 UTC+2"): unambiguous on a durable medium. */
export const dateTime = (locale: Locale, iso: string, timeZone = 'Europe/Paris'): string =>
  new Intl.DateTimeFormat(INTL[locale], { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso))

/** A calendar date ("19 juin 2026"). */
export const dateOnly = (locale: Locale, iso: string, timeZone = 'Europe/Paris'): string => new Intl.DateTimeFormat(INTL[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso))

/** 'DE' → "Allemagne" / "Germany"; anything that is not a code is shown as given. */
export const countryName = (locale: Locale, country: string): string =>
  /^[A-Z]{2}$/.test(country) ? (new Intl.DisplayNames([INTL[locale]], { type: 'region' }).of(country) ?? country) : country

const FOOTER: Record<Locale, string> = {
  fr: 'Lakou — le marché des producteurs de Guadeloupe. Cet e-mail est envoyé automatiquement : pour nous écrire, répondez-y.',
  en: 'Lakou — the market of Guadeloupe producers. This e-mail is sent automatically: reply to it to write to us.',
}

function textOf(b: Block, locale: Locale): string {
  const colon = locale === 'fr' ? ' : ' : ': '
  switch (b.kind) {
    case 'heading': return `${b.text}\n${'='.repeat(Math.min(b.text.length, 60))}`
    case 'paragraph': case 'notice': return b.text
    case 'link': return `${b.text}${colon.trimEnd()}\n${b.href}`
    case 'list': return [...(b.title ? [b.title] : []), ...b.items.map((i) => `- ${i}`)].join('\n')
    case 'details': return [b.title, ...b.items.map(([k, v]) => `  ${k}${colon}${v}`)].join('\n')
    case 'table': return [b.caption, ...b.rows.map((r) => `- ${r.join(' | ')}`), ...(b.foot ?? []).map((r) => `  ${r.filter(Boolean).join(colon)}`)].join('\n')
  }
}

const CELL = 'style="padding:4px 8px;border-bottom:1px solid #d9d6cc;text-align:left"'

function htmlOf(b: Block, locale: Locale): string {
  const colon = locale === 'fr' ? '&nbsp;: ' : ': '
  switch (b.kind) {
    case 'heading': return `<h1 style="font-size:20px;color:#0b5d4b">${esc(b.text)}</h1>`
    case 'paragraph': return `<p>${esc(b.text)}</p>`
    case 'notice': return `<p style="padding:8px 12px;border-left:4px solid #9c3a12;background:#fff4ee"><strong>${esc(b.text)}</strong></p>`
    case 'link': return `<p><a href="${esc(b.href)}" style="color:#0b5d4b;font-weight:bold">${esc(b.text)}</a></p>`
    case 'list': return `${b.title ? `<h2 style="font-size:16px">${esc(b.title)}</h2>` : ''}<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`
    case 'details': return `<h2 style="font-size:16px">${esc(b.title)}</h2><p>${b.items.map(([k, v]) => `${esc(k)}${colon}<strong>${esc(v)}</strong>`).join('<br>')}</p>`
    case 'table': {
      const head = `<thead><tr>${b.head.map((h) => `<th scope="col" ${CELL}>${esc(h)}</th>`).join('')}</tr></thead>`
      const rows = `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td ${CELL}>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody>`
      const foot = b.foot?.length ? `<tfoot>${b.foot.map((r) => `<tr><th scope="row" colspan="${b.head.length - 1}" ${CELL}>${esc(r[0] ?? '')}</th><td ${CELL}>${esc(r[1] ?? '')}</td></tr>`).join('')}</tfoot>` : ''
      return `<table style="border-collapse:collapse;width:100%;max-width:600px"><caption style="text-align:left;font-weight:bold;padding:4px 0">${esc(b.caption)}</caption>${head}${rows}${foot}</table>`
    }
  }
}

/** Both parts of an e-mail from its subject and blocks, in the recipient's language. */
export function renderBlocks(locale: Locale, subject: string, blocks: Block[]): RenderedEmail {
  const text = [...blocks.map((b) => textOf(b, locale)), '--', FOOTER[locale]].join('\n\n') + '\n'
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(subject)}</title></head>` +
    `<body style="margin:0;padding:16px;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2521;background:#fbfaf6">` +
    `<div role="article" aria-label="${esc(subject)}" lang="${locale}" style="max-width:640px;margin:0 auto">` +
    blocks.map((b) => htmlOf(b, locale)).join('\n') +
    `<hr style="border:0;border-top:1px solid #d9d6cc"><p style="font-size:13px;color:#4f5a55">${esc(FOOTER[locale])}</p></div></body></html>`
  return { subject, text, html }
}
