import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { countryName, dateTime, eur, percent, type Block } from './blocks.ts'

const cents = z.number().int()
const url = z.url({ protocol: /^https?$/ })

export const OrderConfirmationData = z.object({
  orderNumber: z.string().min(1),
  orderUrl: url,
  customerName: z.string().min(1),
  placedAt: z.iso.datetime({ offset: true }),
  lines: z.array(z.object({ name: z.string().min(1), quantity: z.number().int().positive(), lineGross: cents })).min(1),
  goodsGross: cents,
  discountGross: cents,
  shippingGross: cents,
  totalGross: cents,
  vatByRate: z.array(z.object({ rateBp: z.number().int().min(0), vat: cents })),
  shippingMethod: z.string().min(1),
  deliveryPromise: z.string().min(1),
  shipTo: z.object({ name: z.string(), line1: z.string(), line2: z.string().nullish(), postalCode: z.string(), city: z.string(), country: z.string() }),
  payment: z.object({
    method: z.enum(['card', 'bank_transfer']),
    status: z.enum(['paid', 'pending', 'awaiting_transfer']),
    transfer: z.object({ iban: z.string(), bic: z.string(), beneficiary: z.string(), reference: z.string() }).optional(),
  }),
  withdrawalUrl: url.nullable(),
  alcohol: z.boolean(),
  /** zone of the dates shown (default Europe/Paris) */
  timeZone: z.string().optional(),
})
export type OrderConfirmationData = z.infer<typeof OrderConfirmationData>

const T = {
  fr: {
    subject: (n: string) => `Votre commande ${n} chez Lakou`,
    thanks: (name: string) => `Merci pour votre commande, ${name} !`,
    placed: (n: string, at: string) => `Commande ${n} passée le ${at}. Cet e-mail la confirme et récapitule ses conditions : gardez-le.`,
    caption: 'Vos articles', head: ['Article', 'Quantité', 'Montant TTC'],
    goods: 'Total des articles', discount: 'Remise', shipping: (m: string) => `Livraison (${m})`, total: 'Total TTC', vat: (r: string) => `dont TVA ${r}`,
    delivery: 'Livraison', method: 'Mode', promise: 'Livraison prévue', address: 'Adresse',
    paid: 'Paiement par carte reçu.', pending: 'Paiement par carte en cours de confirmation par la banque : nous vous écrirons dès sa réception.',
    transferTitle: 'Virement à effectuer', iban: 'IBAN', bic: 'BIC', beneficiary: 'Bénéficiaire', reference: 'Référence à indiquer',
    transferNote: 'Votre commande sera préparée dès réception du virement ; indiquez bien la référence.',
    withdrawal: 'Vous disposez de 14 jours après la réception pour vous rétracter, sans justification (art. L221-18 du Code de la consommation). Le bouton « Renoncer au contrat ici » reste disponible pendant tout ce délai :',
    withdrawalLink: 'Renoncer au contrat ici',
    noWithdrawal: 'Les articles de cette commande sont exclus du droit de rétractation (art. L221-28 du Code de la consommation).',
    follow: 'Suivre ma commande',
    health: "L'abus d'alcool est dangereux pour la santé, à consommer avec modération.",
  },
  en: {
    subject: (n: string) => `Your Lakou order ${n}`,
    thanks: (name: string) => `Thank you for your order, ${name}!`,
    placed: (n: string, at: string) => `Order ${n} placed on ${at}. This e-mail confirms it and sums up its terms: please keep it.`,
    caption: 'Your items', head: ['Item', 'Quantity', 'Amount incl. VAT'],
    goods: 'Items total', discount: 'Discount', shipping: (m: string) => `Delivery (${m})`, total: 'Total incl. VAT', vat: (r: string) => `of which VAT ${r}`,
    delivery: 'Delivery', method: 'Method', promise: 'Expected delivery', address: 'Address',
    paid: 'Card payment received.', pending: 'Card payment being confirmed by the bank: we will write to you as soon as it is received.',
    transferTitle: 'Bank transfer to make', iban: 'IBAN', bic: 'BIC', beneficiary: 'Beneficiary', reference: 'Reference to quote',
    transferNote: 'Your order will be prepared as soon as the transfer arrives; please quote the reference.',
    withdrawal: 'You may withdraw within 14 days of receipt, without giving a reason (French Consumer Code, art. L221-18). The "Withdraw from the contract here" button stays available for that whole period:',
    withdrawalLink: 'Withdraw from the contract here',
    noWithdrawal: 'The items of this order are excluded from the right of withdrawal (French Consumer Code, art. L221-28).',
    follow: 'Follow my order',
    health: "L'abus d'alcool est dangereux pour la santé, à consommer avec modération. (Alcohol abuse is dangerous for your health; drink responsibly.)",
  },
} as const

/** The order confirmation on a durable medium (C. consom. L221-13): lines, totals with VAT per rate, delivery, payment, withdrawal. */
export function orderConfirmation(locale: Locale, d: OrderConfirmationData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  const m = (c: number) => eur(locale, c)
  const foot: string[][] = [[t.goods, m(d.goodsGross)]]
  if (d.discountGross) foot.push([t.discount, m(-Math.abs(d.discountGross))])
  foot.push([t.shipping(d.shippingMethod), m(d.shippingGross)], [t.total, m(d.totalGross)])
  for (const v of d.vatByRate) foot.push([t.vat(percent(locale, v.rateBp)), m(v.vat)])
  const a = d.shipTo
  const blocks: Block[] = [
    { kind: 'heading', text: t.thanks(d.customerName) },
    { kind: 'paragraph', text: t.placed(d.orderNumber, dateTime(locale, d.placedAt, d.timeZone)) },
    { kind: 'table', caption: t.caption, head: [...t.head], rows: d.lines.map((l) => [l.name, String(l.quantity), m(l.lineGross)]), foot },
    { kind: 'details', title: t.delivery, items: [[t.method, d.shippingMethod], [t.promise, d.deliveryPromise], [t.address, [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, countryName(locale, a.country)].filter(Boolean).join(', ')]] },
  ]
  const p = d.payment
  if (p.method === 'bank_transfer' && p.transfer) {
    blocks.push({ kind: 'details', title: t.transferTitle, items: [[t.iban, p.transfer.iban], [t.bic, p.transfer.bic], [t.beneficiary, p.transfer.beneficiary], [t.reference, p.transfer.reference], [t.total, m(d.totalGross)]] })
    blocks.push({ kind: 'notice', text: t.transferNote })
  } else blocks.push({ kind: 'paragraph', text: p.status === 'paid' ? t.paid : t.pending })
  if (d.withdrawalUrl) blocks.push({ kind: 'paragraph', text: t.withdrawal }, { kind: 'link', text: t.withdrawalLink, href: d.withdrawalUrl })
  else blocks.push({ kind: 'paragraph', text: t.noWithdrawal })
  blocks.push({ kind: 'link', text: t.follow, href: d.orderUrl })
  if (d.alcohol) blocks.push({ kind: 'notice', text: t.health })
  return { subject: t.subject(d.orderNumber), blocks }
}
