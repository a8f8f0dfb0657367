import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { dateTime, type Block } from './blocks.ts'

export const WithdrawalAcknowledgementData = z.object({
  orderNumber: z.string().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
  items: z.array(z.object({ name: z.string().min(1), quantity: z.number().int().positive() })).min(1),
  orderUrl: z.url({ protocol: /^https?$/ }),
  /** zone of the time shown (default Europe/Paris); the zone name is always printed */
  timeZone: z.string().optional(),
})
export type WithdrawalAcknowledgementData = z.infer<typeof WithdrawalAcknowledgementData>

const T = {
  fr: {
    subject: (n: string) => `Accusé de réception de votre rétractation — commande ${n}`,
    received: (n: string, at: string) => `Nous avons reçu votre rétractation pour la commande ${n} le ${at}. Elle porte sur :`,
    durable: 'Cet accusé de réception vous est adressé sur un support durable (art. L221-21 du Code de la consommation) : conservez-le.',
    next: "Renvoyez les articles au plus tard 14 jours après votre rétractation. Nous vous rembourserons au plus tard 14 jours après l'avoir reçue, par le moyen de paiement utilisé ; le remboursement peut être différé jusqu'à la récupération des articles (art. L221-23 et L221-24).",
    follow: 'Voir ma commande',
  },
  en: {
    subject: (n: string) => `Acknowledgement of your withdrawal — order ${n}`,
    received: (n: string, at: string) => `We received your withdrawal from order ${n} on ${at}. It covers:`,
    durable: 'This acknowledgement is sent to you on a durable medium (French Consumer Code, art. L221-21): please keep it.',
    next: 'Send the items back within 14 days of your withdrawal. We will refund you within 14 days of receiving it, to the payment method you used; the refund may wait until the items are back (art. L221-23 and L221-24).',
    follow: 'View my order',
  },
} as const

/** Acknowledges a withdrawal with the date AND time it was received (required from 19 June 2026, L221-21). */
export function withdrawalAcknowledgement(locale: Locale, d: WithdrawalAcknowledgementData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  return {
    subject: t.subject(d.orderNumber),
    blocks: [
      { kind: 'heading', text: t.subject(d.orderNumber) },
      { kind: 'paragraph', text: t.received(d.orderNumber, dateTime(locale, d.receivedAt, d.timeZone)) },
      { kind: 'list', items: d.items.map((i) => `${i.name} × ${i.quantity}`) },
      { kind: 'paragraph', text: t.durable },
      { kind: 'paragraph', text: t.next },
      { kind: 'link', text: t.follow, href: d.orderUrl },
    ],
  }
}
