import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { eur, type Block } from './blocks.ts'

export const PayablesOverdueData = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  count: z.number().int().positive(),
  totalLeft: z.number().int(),
  invoices: z.array(z.object({ producer: z.string().min(1), invoiceNumber: z.string().min(1), dueOn: z.string(), daysLate: z.number().int(), left: z.number().int() })).min(1),
  scheduleUrl: z.url({ protocol: /^https?$/ }),
})
export type PayablesOverdueData = z.infer<typeof PayablesOverdueData>

const T = {
  fr: {
    subject: (n: number, day: string) => `${n} facture${n > 1 ? 's' : ''} fournisseur en retard de paiement — ${day}`,
    intro: (n: number, total: string) => `${n} facture${n > 1 ? 's' : ''} fournisseur ${n > 1 ? 'ont dépassé leur' : 'a dépassé son'} échéance, pour ${total} restant à payer. Les pénalités de retard et l’indemnité forfaitaire de 40 € par facture sont dues de plein droit (C. com. L441-10).`,
    caption: 'Factures en retard', head: ['Producteur', 'Facture', 'Échéance', 'Retard (jours)', 'Reste à payer'], more: (n: number) => `… et ${n} autre(s) : voir l’échéancier.`, link: 'Ouvrir l’échéancier',
  },
  en: {
    subject: (n: number, day: string) => `${n} supplier invoice${n > 1 ? 's' : ''} overdue — ${day}`,
    intro: (n: number, total: string) => `${n} supplier invoice${n > 1 ? 's are' : ' is'} past due, ${total} left to pay. Late-payment penalties and the €40 flat recovery fee per invoice are due by law (C. com. L441-10).`,
    caption: 'Overdue invoices', head: ['Producer', 'Invoice', 'Due', 'Days late', 'Left to pay'], more: (n: number) => `… and ${n} more: see the schedule.`, link: 'Open the schedule',
  },
} as const

/** The daily alert to finance: every open supplier invoice past its due date. */
export function payablesOverdue(locale: Locale, d: PayablesOverdueData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  return {
    subject: t.subject(d.count, d.day),
    blocks: [
      { kind: 'heading', text: t.subject(d.count, d.day) },
      { kind: 'notice', text: t.intro(d.count, eur(locale, d.totalLeft)) },
      { kind: 'table', caption: t.caption, head: [...t.head], rows: d.invoices.map((i) => [i.producer, i.invoiceNumber, i.dueOn, String(i.daysLate), eur(locale, i.left)]) },
      ...(d.count > d.invoices.length ? [{ kind: 'paragraph' as const, text: t.more(d.count - d.invoices.length) }] : []),
      { kind: 'link', text: t.link, href: d.scheduleUrl },
    ],
  }
}
