import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { eur, type Block } from './blocks.ts'

const url = z.url({ protocol: /^https?$/ })
const item = z.object({ name: z.string().min(1), quantity: z.number().int().positive() })

export const OrderShippedData = z.object({
  orderNumber: z.string().min(1),
  orderUrl: url,
  shipmentNumber: z.string().min(1),
  carrier: z.string().min(1),
  trackingNumber: z.string().min(1),
  trackingUrl: url,
  parcelCount: z.number().int().positive(),
  shipped: z.array(item).min(1),
  /** units of the order still to come in another parcel (partial shipment) */
  later: z.array(item).default([]),
})
export type OrderShippedData = z.infer<typeof OrderShippedData>

const SHIPPED = {
  fr: {
    subject: (n: string) => `Votre commande ${n} est expédiée`,
    intro: (c: string, p: number) => `Votre colis est parti avec ${c}${p > 1 ? ` (${p} colis)` : ''}.`,
    tracking: (t: string) => `Numéro de suivi : ${t}`,
    track: 'Suivre mon colis', inParcel: 'Dans ce colis', later: 'Ces articles suivront dans un prochain colis', follow: 'Voir ma commande',
  },
  en: {
    subject: (n: string) => `Your order ${n} has shipped`,
    intro: (c: string, p: number) => `Your parcel is on its way with ${c}${p > 1 ? ` (${p} parcels)` : ''}.`,
    tracking: (t: string) => `Tracking number: ${t}`,
    track: 'Track my parcel', inParcel: 'In this parcel', later: 'These items will follow in another parcel', follow: 'View my order',
  },
} as const

/** A parcel has left: carrier, tracking link, what it holds and, for a partial shipment, what follows. */
export function orderShipped(locale: Locale, d: OrderShippedData): { subject: string; blocks: Block[] } {
  const t = SHIPPED[locale]
  const blocks: Block[] = [
    { kind: 'heading', text: t.subject(d.orderNumber) },
    { kind: 'paragraph', text: t.intro(d.carrier, d.parcelCount) },
    { kind: 'paragraph', text: t.tracking(d.trackingNumber) },
    { kind: 'link', text: t.track, href: d.trackingUrl },
    { kind: 'list', title: t.inParcel, items: d.shipped.map((i) => `${i.name} × ${i.quantity}`) },
  ]
  if (d.later.length) blocks.push({ kind: 'list', title: t.later, items: d.later.map((i) => `${i.name} × ${i.quantity}`) })
  blocks.push({ kind: 'link', text: t.follow, href: d.orderUrl })
  return { subject: t.subject(d.orderNumber), blocks }
}

export const OrderLineCancelledData = z.object({
  orderNumber: z.string().min(1),
  orderUrl: url,
  items: z.array(item).min(1),
  refundGross: z.number().int().nonnegative(),
})
export type OrderLineCancelledData = z.infer<typeof OrderLineCancelledData>

const CANCELLED = {
  fr: {
    subject: (n: string) => `Des articles de votre commande ${n} ne pourront pas être livrés`,
    body: 'Nous sommes désolés : nous n’avons pas pu préparer ces articles, ils sont retirés de votre commande.',
    refund: (a: string) => `Nous vous remboursons ${a} sur le moyen de paiement utilisé.`, follow: 'Voir ma commande',
  },
  en: {
    subject: (n: string) => `Some items of your order ${n} cannot be delivered`,
    body: 'We are sorry: we could not prepare these items, they are removed from your order.',
    refund: (a: string) => `We are refunding ${a} to the payment method you used.`, follow: 'View my order',
  },
} as const

/** Units the warehouse could not prepare: cancelled and refunded. */
export function orderLineCancelled(locale: Locale, d: OrderLineCancelledData): { subject: string; blocks: Block[] } {
  const t = CANCELLED[locale]
  return {
    subject: t.subject(d.orderNumber),
    blocks: [
      { kind: 'heading', text: t.subject(d.orderNumber) },
      { kind: 'paragraph', text: t.body },
      { kind: 'list', items: d.items.map((i) => `${i.name} × ${i.quantity}`) },
      { kind: 'paragraph', text: t.refund(eur(locale, d.refundGross)) },
      { kind: 'link', text: t.follow, href: d.orderUrl },
    ],
  }
}
