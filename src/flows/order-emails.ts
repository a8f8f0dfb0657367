import type { Ctx } from '../kernel/ctx.ts'
import { queueEmail } from '../modules/notifications/index.ts'
import type { OrderView } from '../modules/orders/index.ts'
import type { TransferDetails } from '../modules/payments/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { orderUrl } from './order-links.ts'

/** The order confirmation (durable medium, C. consom. L221-13), once per order whatever retries happen. */
export async function queueOrderConfirmation(ctx: Ctx, deps: CheckoutDeps, order: OrderView, payment: { status: 'paid' | 'pending' | 'awaiting_transfer'; transfer?: TransferDetails | null }): Promise<void> {
  const url = orderUrl(deps.publicUrl, deps.appSecret, order.id, order.locale)
  await queueEmail(ctx, {
    to: order.email,
    locale: order.locale,
    template: 'order-confirmation',
    dedupeKey: `order-confirmation:${order.id}`,
    data: {
      orderNumber: order.number, orderUrl: url, customerName: order.shipTo.name, placedAt: order.placedAt.toISOString(),
      lines: order.lines.map((l) => ({ name: l.name, quantity: l.quantity, lineGross: l.lineGross })),
      goodsGross: order.totals.goods, discountGross: order.totals.discount, shippingGross: order.totals.shipping, totalGross: order.totals.gross,
      vatByRate: order.taxSummary.vatByRate.map((r) => ({ rateBp: r.rateBp, vat: r.vat })), shippingMethod: order.shippingMethodName,
      deliveryPromise: order.deliveryDate ?? `${order.promise.from} – ${order.promise.to}`,
      shipTo: { name: order.shipTo.name, line1: order.shipTo.line1, line2: order.shipTo.line2 ?? undefined, postalCode: order.shipTo.postalCode, city: order.shipTo.city, country: order.shipTo.country },
      payment: { method: order.paymentMethod, status: payment.status, ...(payment.transfer ? { transfer: payment.transfer } : {}) },
      withdrawalUrl: order.lines.some((l) => l.withdrawalEligible) ? url : null,
      alcohol: order.lines.some((l) => l.ageRestricted),
    },
  })
}

export async function queueOrderPaid(ctx: Ctx, deps: CheckoutDeps, order: OrderView): Promise<void> {
  await queueEmail(ctx, { to: order.email, locale: order.locale, template: 'order-paid', dedupeKey: `order-paid:${order.id}`, data: { orderNumber: order.number, orderUrl: orderUrl(deps.publicUrl, deps.appSecret, order.id, order.locale), totalGross: order.totals.gross } })
}

export async function queueOrderCancelled(ctx: Ctx, deps: CheckoutDeps, order: OrderView, reason: 'customer' | 'payment_failed' | 'expired' | 'staff', refundGross: number | null): Promise<void> {
  await queueEmail(ctx, { to: order.email, locale: order.locale, template: 'order-cancelled', dedupeKey: `order-cancelled:${order.id}`, data: { orderNumber: order.number, orderUrl: orderUrl(deps.publicUrl, deps.appSecret, order.id, order.locale), reason, refundGross } })
}
