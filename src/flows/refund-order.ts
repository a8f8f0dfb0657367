import { z } from 'zod'
import { recordAudit, listEntityAudit } from '../modules/audit/index.ts'
import type { Ctx } from '../kernel/ctx.ts'
import { AppError } from '../kernel/errors.ts'
import { releaseReservations } from '../modules/inventory/index.ts'
import { creditLeftOfOrder, issueRefundCreditNote } from '../modules/invoicing/index.ts'
import { getOrderView, transitionOrder, type OrderView } from '../modules/orders/index.ts'
import { listPaymentDetails } from '../modules/payments/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { queueStaffRefund, refundCreditNoteNow, type RefundOutcome } from './staff-refund-job.ts'

/** A staff refund: an amount TTC in cents, or units of order lines (and the shipping), with a reason. */
export const RefundOrderInput = z
  .strictObject({
    orderId: z.string().min(1).max(64),
    /** one per refund form shown: the same form submitted twice refunds once */
    requestKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Ce formulaire a expiré : rechargez la page.'),
    reason: z.string({ error: 'Indiquez le motif du remboursement.' }).trim().min(3, 'Indiquez le motif du remboursement (3 caractères au moins).').max(500, 'Le motif tient en 500 caractères.'),
    mode: z.enum(['amount', 'lines'], { error: 'Choisissez un remboursement par montant ou par articles.' }),
    amount: z.number({ error: 'Indiquez un montant en euros, par exemple 12,50.' }).int('Un montant a au plus deux décimales.').min(1, 'Le montant doit être positif.').max(100_000_000).optional(),
    lines: z.array(z.strictObject({ orderLineId: z.string().min(1).max(64), quantity: z.number({ error: 'Une quantité est un nombre entier.' }).int('Une quantité est un nombre entier.').min(1).max(100_000) })).max(500).default([]),
    shipping: z.boolean().default(false),
  })
  .superRefine((v, c) => {
    if (v.mode === 'amount' && v.amount === undefined) c.addIssue({ code: 'custom', path: ['amount'], message: 'Indiquez le montant à rembourser, par exemple 12,50.' })
    if (v.mode === 'lines' && !v.lines.length && !v.shipping) c.addIssue({ code: 'custom', path: ['lines'], message: 'Indiquez au moins une quantité à rembourser, ou la livraison.' })
  })
export type RefundOrderInput = z.input<typeof RefundOrderInput>

export type RefundOrderResult =
  | { ok: true; duplicate: boolean; creditNoteNumber: string; amount: number; refund: RefundOutcome }
  | { ok: false; code: 'NOT_FOUND' }
  | { ok: false; code: 'ORDER_NOT_REFUNDABLE'; message: string }
  | { ok: false; code: 'ORDER_REFUND_TOO_LARGE'; field: 'amount' | 'lines'; left: number; message: string }

const euro = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100)

/**
 * An agent gives money back on an order, to the payment it came from. In one transaction, with
 * the invoice locked (refunds of an order go one at a time): what was already done for this form
 * is found in the audit log (double submit → the first result); the credit note of exactly the
 * refunded amount is issued, VAT split as invoiced, never past what is left on the invoice nor on
 * the payment; the provider refund is queued durably; everything refunded before the parcel
 * leaves releases the stock; the audit entry keeps the reason. After commit the refund is tried
 * at once. A refusal changes nothing.
 */
export async function refundOrderByStaff(ctx: Ctx, deps: Pick<CheckoutDeps, 'providers'>, input: RefundOrderInput): Promise<RefundOrderResult> {
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'Refunds are made by staff.')
  const parsed = RefundOrderInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '))
  const f = parsed.data
  const done = await ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const order = await getOrderView(tctx, f.orderId, { history: false })
    if (!order) return { ok: false as const, code: 'NOT_FOUND' as const }
    const left = await creditLeftOfOrder(tctx, order.id, { lock: true })
    const earlier = (await listEntityAudit(tctx, { entityType: 'order', entityId: order.id })).find((a) => a.action === 'orders.refunded' && (a.after as { requestKey?: string } | null)?.requestKey === f.requestKey)
    if (earlier) {
      const after = earlier.after as { creditNote: string; amount: number }
      return { ok: true as const, duplicate: true, creditNoteNumber: after.creditNote, amount: after.amount, job: null }
    }
    const payment = (await listPaymentDetails(tctx, order.id)).find((p) => p.refundable > 0)
    if (!left || !payment || left.leftGross <= 0) {
      return { ok: false as const, code: 'ORDER_NOT_REFUNDABLE' as const, message: left ? 'Tout ce qui a été payé sur cette commande est déjà remboursé.' : 'Rien n’a été encaissé sur cette commande : il n’y a rien à rembourser.' }
    }
    const maxGross = Math.min(left.leftGross, payment.refundable)
    const credit = f.mode === 'amount' ? { kind: 'amount' as const, amount: f.amount! } : { kind: 'lines' as const, lines: invoiceUnits(order, f.lines), shipping: f.shipping }
    const note = await issueRefundCreditNote(tctx, { invoiceId: left.invoice.id, reason: `Remboursement : ${f.reason}`, issuedAt: tctx.now, credit, maxGross })
    if (!note.ok) {
      const field = f.mode === 'amount' ? ('amount' as const) : ('lines' as const)
      const message = note.code === 'INVOICING_CREDIT_EXCEEDS_INVOICE'
        ? note.sku ? `Plus d’unités de ${note.sku} que ce qui reste à rembourser (${note.remaining}).` : `C’est plus que ce qui reste à rembourser (${euro(maxGross)}).`
        : note.code === 'INVOICING_CREDIT_EMPTY' ? 'Ces articles ne représentent aucun montant à rembourser.' : 'Cet article ne figure pas sur la facture.'
      return { ok: false as const, code: 'ORDER_REFUND_TOO_LARGE' as const, field, left: maxGross, message }
    }
    const amount = -note.totalGross
    const job = { orderId: order.id, paymentId: payment.id, amount, creditNoteNumber: note.number, reason: f.reason }
    await queueStaffRefund(tctx, job)
    let status = order.status
    if (note.cancelsInvoice) {
      // nothing left to pay for: the order is settled as refunded, and an order not shipped yet never will be
      const t = await transitionOrder(tctx, { orderId: order.id, to: 'refunded', from: ['paid', 'picking', 'delivered', 'returned'], note: f.reason })
      if (t.changed) {
        status = 'refunded'
        if (t.from === 'paid' || t.from === 'picking') await releaseReservations(tctx, { orderId: order.id, note: 'order refunded in full by staff' })
      }
    }
    await recordAudit(tctx, {
      action: 'orders.refunded', entityType: 'order', entityId: order.id, reason: f.reason,
      before: { status: order.status, refunded: left.creditedGross },
      after: { requestKey: f.requestKey, status, refunded: left.creditedGross + amount, amount, creditNote: note.number, paymentId: payment.id, mode: f.mode, ...(f.mode === 'lines' ? { lines: f.lines, shipping: f.shipping } : {}) },
    })
    return { ok: true as const, duplicate: false, creditNoteNumber: note.number, amount, job }
  })
  if (!done.ok) return done
  const refund: RefundOutcome = done.job ? await refundCreditNoteNow(ctx, deps, done.job) : 'already'
  return { ok: true, duplicate: done.duplicate, creditNoteNumber: done.creditNoteNumber, amount: done.amount, refund }
}

/** Order-line units as invoiced: a line taxed at several rates became one invoice line per rate (same units). */
function invoiceUnits(order: OrderView, wanted: { orderLineId: string; quantity: number }[]): { sku: string; quantity: number }[] {
  return wanted.flatMap((w) => {
    const line = order.lines.find((l) => l.id === w.orderLineId)
    if (!line) return [{ sku: `unknown-${w.orderLineId}`.slice(0, 64), quantity: w.quantity }]
    const parts = line.vatParts.length > 1 ? line.vatParts.map((_, i) => `${line.sku}-${i + 1}`) : [line.sku]
    return parts.map((sku) => ({ sku, quantity: w.quantity }))
  })
}
