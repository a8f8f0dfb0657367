import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { eur, type Block } from './blocks.ts'

const url = z.url({ protocol: /^https?$/ })

export const OrderPaidData = z.object({ orderNumber: z.string().min(1), orderUrl: url, totalGross: z.number().int() })
export type OrderPaidData = z.infer<typeof OrderPaidData>

export const OrderCancelledData = z.object({
  orderNumber: z.string().min(1),
  orderUrl: url,
  reason: z.enum(['customer', 'payment_failed', 'expired', 'staff']),
  refundGross: z.number().int().nonnegative().nullable(),
})
export type OrderCancelledData = z.infer<typeof OrderCancelledData>

const PAID = {
  fr: { subject: (n: string) => `Paiement reçu pour la commande ${n}`, body: (a: string) => `Nous avons bien reçu votre paiement de ${a}. Nous préparons votre commande et vous écrirons à son expédition.`, follow: 'Suivre ma commande' },
  en: { subject: (n: string) => `Payment received for order ${n}`, body: (a: string) => `We have received your payment of ${a}. We are preparing your order and will write to you when it ships.`, follow: 'Follow my order' },
} as const

/** Payment received (card settled later, or bank transfer recorded). */
export function orderPaid(locale: Locale, d: OrderPaidData): { subject: string; blocks: Block[] } {
  const t = PAID[locale]
  return { subject: t.subject(d.orderNumber), blocks: [{ kind: 'heading', text: t.subject(d.orderNumber) }, { kind: 'paragraph', text: t.body(eur(locale, d.totalGross)) }, { kind: 'link', text: t.follow, href: d.orderUrl }] }
}

const CANCELLED = {
  fr: {
    subject: (n: string) => `Commande ${n} annulée`,
    reason: {
      customer: (n: string) => `Votre commande ${n} est annulée, comme vous l'avez demandé.`,
      payment_failed: (n: string) => `Votre commande ${n} est annulée : le paiement n'a pas abouti. Aucun montant n'a été débité.`,
      expired: (n: string) => `Votre commande ${n} est annulée : nous n'avons pas reçu le paiement dans le délai prévu. Les articles réservés sont remis en vente.`,
      staff: (n: string) => `Nous avons dû annuler votre commande ${n}. Nous vous prions de nous en excuser ; répondez à cet e-mail pour toute question.`,
    },
    refund: (a: string) => `Le remboursement de ${a} est en cours sur le moyen de paiement utilisé.`,
    follow: 'Voir ma commande',
  },
  en: {
    subject: (n: string) => `Order ${n} cancelled`,
    reason: {
      customer: (n: string) => `Your order ${n} is cancelled, as you asked.`,
      payment_failed: (n: string) => `Your order ${n} is cancelled: the payment did not go through. Nothing was charged.`,
      expired: (n: string) => `Your order ${n} is cancelled: we did not receive the payment in time. The items held for you are back on sale.`,
      staff: (n: string) => `We had to cancel your order ${n}. We apologise; reply to this e-mail with any question.`,
    },
    refund: (a: string) => `A refund of ${a} is on its way to the payment method you used.`,
    follow: 'View my order',
  },
} as const

/** An order cancelled (by the customer, a failed or missing payment, or staff), with the refund if any. */
export function orderCancelled(locale: Locale, d: OrderCancelledData): { subject: string; blocks: Block[] } {
  const t = CANCELLED[locale]
  const blocks: Block[] = [{ kind: 'heading', text: t.subject(d.orderNumber) }, { kind: 'paragraph', text: t.reason[d.reason](d.orderNumber) }]
  if (d.refundGross) blocks.push({ kind: 'paragraph', text: t.refund(eur(locale, d.refundGross)) })
  blocks.push({ kind: 'link', text: t.follow, href: d.orderUrl })
  return { subject: t.subject(d.orderNumber), blocks }
}
