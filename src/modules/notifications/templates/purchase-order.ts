import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { dateOnly, eur, type Block } from './blocks.ts'

const url = z.url({ protocol: /^https?$/ })

export const PurchaseOrderSentData = z.object({
  purchaseOrderNumber: z.string().min(1),
  producerName: z.string().min(1),
  warehouseName: z.string().min(1),
  consignment: z.boolean(),
  /** ISO day, or null when no date was agreed */
  expectedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().positive(), unitCost: z.number().int().nonnegative() })).min(1),
  totalNet: z.number().int().nonnegative(),
  portalUrl: url,
})
export type PurchaseOrderSentData = z.infer<typeof PurchaseOrderSentData>

const T = {
  fr: {
    subject: (n: string) => `Bon de commande ${n} de Lakou`,
    hello: (p: string) => `Bonjour ${p}, voici notre bon de commande. Merci de le confirmer depuis votre portail producteur.`,
    expected: (d: string) => `Livraison souhaitée le ${d}.`, noDate: 'Date de livraison à convenir.',
    warehouse: (w: string) => `À livrer à : ${w}.`,
    consignment: 'Dépôt-vente : ces articles restent votre propriété jusqu’à leur vente.',
    head: ['Référence', 'Article', 'Quantité', 'Coût unitaire HT'], caption: 'Lignes de la commande', total: 'Total HT',
    confirm: 'Confirmer la commande',
  },
  en: {
    subject: (n: string) => `Purchase order ${n} from Lakou`,
    hello: (p: string) => `Hello ${p}, here is our purchase order. Please confirm it from your producer portal.`,
    expected: (d: string) => `Requested delivery on ${d}.`, noDate: 'Delivery date to be agreed.',
    warehouse: (w: string) => `Deliver to: ${w}.`,
    consignment: 'Consignment: these goods remain yours until they are sold.',
    head: ['SKU', 'Item', 'Quantity', 'Unit cost excl. VAT'], caption: 'Order lines', total: 'Total excl. VAT',
    confirm: 'Confirm the order',
  },
} as const

/** A purchase order sent to a producer: lines, expected date, link to confirm it on the portal. */
export function purchaseOrderSent(locale: Locale, d: PurchaseOrderSentData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  const blocks: Block[] = [
    { kind: 'heading', text: t.subject(d.purchaseOrderNumber) },
    { kind: 'paragraph', text: t.hello(d.producerName) },
    { kind: 'paragraph', text: `${d.expectedOn ? t.expected(dateOnly(locale, `${d.expectedOn}T12:00:00Z`)) : t.noDate} ${t.warehouse(d.warehouseName)}` },
    {
      kind: 'table', caption: t.caption, head: [...t.head],
      rows: d.lines.map((l) => [l.sku, l.name, String(l.quantity), eur(locale, l.unitCost)]),
      ...(d.consignment ? {} : { foot: [[t.total, eur(locale, d.totalNet)]] }),
    },
  ]
  if (d.consignment) blocks.push({ kind: 'notice', text: t.consignment })
  blocks.push({ kind: 'link', text: t.confirm, href: d.portalUrl })
  return { subject: t.subject(d.purchaseOrderNumber), blocks }
}
