import { divRound } from '../kernel/money.ts'
import type { InvoiceDraft, InvoiceLine } from '../modules/invoicing/index.ts'
import type { OrderView } from '../modules/orders/index.ts'

const SELLER_TIME_ZONE = 'America/Guadeloupe'
const SHIPPING_LABEL = { fr: 'Livraison', en: 'Delivery' }
const DISCOUNT_LABEL = { fr: 'Remise', en: 'Discount' }

/**
 * The invoice of a paid consumer order, from the order as placed (amounts are never
 * recomputed). A composite gift box taxed at several rates becomes one invoice line per
 * rate, so each line carries one VAT rate as the invoice model requires.
 */
export function invoiceDraftFromOrder(order: OrderView, paidAt: Date): InvoiceDraft {
  const lines: InvoiceLine[] = order.lines.flatMap((l) => {
    const parts = l.vatParts.length ? l.vatParts : [{ rateBp: 0, net: l.net, vat: l.vat }]
    return parts.map((p, i) => ({
      sku: parts.length > 1 ? `${l.sku}-${i + 1}` : l.sku,
      description: parts.length > 1 ? `${l.name} (${p.rateBp / 100} %)` : l.name,
      quantity: l.quantity,
      unitNet: divRound(p.net, l.quantity),
      net: p.net,
      vatRateBp: p.rateBp,
      vat: p.vat,
      gross: p.net + p.vat,
      excise: i === 0 && l.excise ? l.excise : null,
      css: i === 0 && l.css ? l.css : null,
    }))
  })
  const s = order.taxSummary.shipping
  const address = (a: OrderView['shipTo']) => ({ line1: a.line1, line2: a.line2 || null, postalCode: a.postalCode, city: a.city, country: a.country })
  // the seller is in Guadeloupe: its calendar day, the one the invoice number and date use
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: SELLER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(paidAt)
  return {
    orderId: order.id,
    orderNumber: order.number,
    issuedAt: paidAt,
    supplyDate: day,
    currency: 'EUR',
    locale: order.locale,
    buyer: { name: order.billTo.name, email: order.email, address: address(order.billTo), siren: null, vatNumber: null, kind: 'B2C' },
    deliveryAddress: null,
    lines,
    shipping: s && s.net + s.vat > 0 ? { description: `${SHIPPING_LABEL[order.locale]} — ${order.shippingMethodName}`, net: s.net, vat: s.vat, gross: s.net + s.vat, parts: s.parts } : null,
    discount: order.totals.discount > 0 ? { description: `${DISCOUNT_LABEL[order.locale]}${order.promoCode ? ` ${order.promoCode}` : ''}`, gross: order.totals.discount } : null,
    vatByRate: order.taxSummary.vatByRate,
    totalNet: order.totals.net,
    totalVat: order.totals.vat,
    totalGross: order.totals.gross,
    mentions: order.taxSummary.mentions,
    payment: { method: order.paymentMethod, status: 'paid', paidAt, dueDate: day },
    nature: 'goods',
  }
}
