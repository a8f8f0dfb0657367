import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { countryName, eur, type Block } from './blocks.ts'

// The four e-mails of a return (modules/returns, flows/return-*.ts): request acknowledged,
// approved with where to send the parcel, rejected with the agent's note, refunded.

const url = z.url({ protocol: /^https?$/ })
const items = z.array(z.object({ name: z.string().min(1), quantity: z.number().int().positive() })).min(1)
const base = { returnNumber: z.string().regex(/^RT-\d{6,}$/), orderNumber: z.string().min(1), orderUrl: url }

export const ReturnRequestedData = z.object({ ...base, items })
export const ReturnApprovedData = z.object({
  ...base,
  items,
  /** where the goods go back: the warehouse(s) they shipped from */
  warehouses: z.array(z.object({ name: z.string().min(1), postalCode: z.string().min(1), commune: z.string().min(1), territory: z.string().min(1) })).min(1),
})
export const ReturnRejectedData = z.object({ ...base, note: z.string().min(1).max(2000) })
export const ReturnRefundedData = z.object({ ...base, amount: z.number().int().positive(), creditNoteNumber: z.string().min(1) })
export type ReturnRequestedData = z.infer<typeof ReturnRequestedData>
export type ReturnApprovedData = z.infer<typeof ReturnApprovedData>
export type ReturnRejectedData = z.infer<typeof ReturnRejectedData>
export type ReturnRefundedData = z.infer<typeof ReturnRefundedData>

const T = {
  fr: {
    follow: 'Voir ma commande',
    list: (n: string) => `Articles du retour ${n}`,
    requested: (r: string, o: string) => `Demande de retour ${r} reçue — commande ${o}`,
    requestedBody: (r: string) => `Nous avons bien reçu votre demande de retour ${r}. Un conseiller l'examine et vous écrit sous deux jours ouvrés, avec l'adresse où renvoyer le colis. N'envoyez rien avant sa réponse.`,
    approved: (r: string, o: string) => `Retour ${r} accepté — commande ${o}`,
    approvedBody: (r: string) => `Votre retour ${r} est accepté. Emballez soigneusement les articles ci-dessous et envoyez le colis à l'adresse indiquée.`,
    number: (r: string) => `Écrivez lisiblement le numéro de retour ${r} sur le colis : sans lui, nous ne pouvons pas le rattacher à votre commande.`,
    address: 'Adresse de retour',
    warehouse: 'Entrepôt',
    city: 'Ville',
    refundNext: 'Nous vous rembourserons les articles reçus, par le moyen de paiement utilisé, dès leur réception à l\'entrepôt (au plus tard 14 jours après la réception).',
    rejected: (r: string, o: string) => `Retour ${r} refusé — commande ${o}`,
    rejectedBody: (r: string) => `Nous ne pouvons pas accepter votre demande de retour ${r}. Motif :`,
    rejectedHelp: 'Pour toute question, répondez à cet e-mail. Votre droit légal de rétractation, s\'il s\'applique, n\'est pas affecté.',
    refunded: (r: string, o: string) => `Retour ${r} remboursé — commande ${o}`,
    refundedBody: (a: string, r: string, c: string) => `Nous avons reçu votre retour ${r} et vous remboursons ${a} sur le moyen de paiement utilisé (avoir ${c}). Le montant apparaîtra sur votre compte sous quelques jours.`,
  },
  en: {
    follow: 'View my order',
    list: (n: string) => `Items of return ${n}`,
    requested: (r: string, o: string) => `Return request ${r} received — order ${o}`,
    requestedBody: (r: string) => `We have received your return request ${r}. An adviser reviews it and writes to you within two working days with the address to send the parcel to. Please do not send anything before that reply.`,
    approved: (r: string, o: string) => `Return ${r} accepted — order ${o}`,
    approvedBody: (r: string) => `Your return ${r} is accepted. Pack the items below carefully and send the parcel to the address shown.`,
    number: (r: string) => `Write the return number ${r} clearly on the parcel: without it we cannot match it to your order.`,
    address: 'Return address',
    warehouse: 'Warehouse',
    city: 'Town',
    refundNext: 'We will refund the items received, to the payment method you used, as soon as they reach the warehouse (within 14 days of receipt at the latest).',
    rejected: (r: string, o: string) => `Return ${r} declined — order ${o}`,
    rejectedBody: (r: string) => `We cannot accept your return request ${r}. Reason:`,
    rejectedHelp: 'Reply to this e-mail with any question. Your legal right of withdrawal, where it applies, is not affected.',
    refunded: (r: string, o: string) => `Return ${r} refunded — order ${o}`,
    refundedBody: (a: string, r: string, c: string) => `We have received your return ${r} and refund you ${a} to the payment method you used (credit note ${c}). The amount will show on your account within a few days.`,
  },
} as const

const itemList = (locale: Locale, d: { returnNumber: string; items: { name: string; quantity: number }[] }): Block => ({ kind: 'list', title: T[locale].list(d.returnNumber), items: d.items.map((i) => `${i.name} × ${i.quantity}`) })

export function returnRequested(locale: Locale, d: ReturnRequestedData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  const subject = t.requested(d.returnNumber, d.orderNumber)
  return { subject, blocks: [{ kind: 'heading', text: subject }, { kind: 'paragraph', text: t.requestedBody(d.returnNumber) }, itemList(locale, d), { kind: 'link', text: t.follow, href: d.orderUrl }] }
}

export function returnApproved(locale: Locale, d: ReturnApprovedData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  const subject = t.approved(d.returnNumber, d.orderNumber)
  const addresses: Block[] = d.warehouses.map((w) => ({ kind: 'details', title: t.address, items: [[t.warehouse, w.name], [t.city, `${w.postalCode} ${w.commune} (${w.territory === 'GP' ? 'Guadeloupe' : countryName(locale, 'FR')})`]] }))
  return {
    subject,
    blocks: [{ kind: 'heading', text: subject }, { kind: 'paragraph', text: t.approvedBody(d.returnNumber) }, { kind: 'notice', text: t.number(d.returnNumber) }, ...addresses, itemList(locale, d), { kind: 'paragraph', text: t.refundNext }, { kind: 'link', text: t.follow, href: d.orderUrl }],
  }
}

export function returnRejected(locale: Locale, d: ReturnRejectedData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  const subject = t.rejected(d.returnNumber, d.orderNumber)
  return { subject, blocks: [{ kind: 'heading', text: subject }, { kind: 'paragraph', text: t.rejectedBody(d.returnNumber) }, { kind: 'paragraph', text: d.note }, { kind: 'paragraph', text: t.rejectedHelp }, { kind: 'link', text: t.follow, href: d.orderUrl }] }
}

export function returnRefunded(locale: Locale, d: ReturnRefundedData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  const subject = t.refunded(d.returnNumber, d.orderNumber)
  return { subject, blocks: [{ kind: 'heading', text: subject }, { kind: 'paragraph', text: t.refundedBody(eur(locale, d.amount), d.returnNumber, d.creditNoteNumber) }, { kind: 'link', text: t.follow, href: d.orderUrl }] }
}
