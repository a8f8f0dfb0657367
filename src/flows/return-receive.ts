import type { Ctx } from '../kernel/ctx.ts'
import { AppError } from '../kernel/errors.ts'
import { recordAudit } from '../modules/audit/index.ts'
import { getInvoiceForOrder, listCreditNotes } from '../modules/invoicing/index.ts'
import { queueEmail } from '../modules/notifications/index.ts'
import { transitionOrder } from '../modules/orders/index.ts'
import { checkReceipt, getReturn, markReturnRefunded, orderFullyReturned, recordReturnReceipt, type ReceiptErrors, type ReceivedLine, type ReturnStatus } from '../modules/returns/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { orderUrl } from './order-links.ts'
import { refundOrderByStaff } from './refund-order.ts'

export type ReceiveReturnInput = { returnId: string; lines: ReceivedLine[]; refundShipping: boolean }

export type ReceiveReturnResult =
  | { ok: true; duplicate: boolean; refund: { ok: true; amount: number; creditNoteNumber: string; pending: boolean } | { ok: false; message: string } }
  | { ok: false; code: 'NOT_FOUND' }
  | { ok: false; code: 'NOT_RECEIVABLE'; status: ReturnStatus }
  | { ok: false; code: 'INVALID'; errors: ReceiptErrors }

/**
 * The warehouse opens a returned parcel: per line, units restocked into the lot they shipped
 * from and units written off (modules/returns/receive-return.ts tells the ledger story), then
 * the refund of the units received through refundOrderByStaff (mode 'lines'; the shipping only
 * when ticked), whose credit note and amount are kept on the return, with the e-mail.
 *
 * 1. One transaction with the request locked: only an approved return is received (a second
 *    submit finds it received and records nothing again); when every unit shipped is back the
 *    order moves to `returned` (before the refund, so a refund of everything may settle it).
 * 2. The refund, after commit (it has its own transaction and provider call); its request key
 *    is the return id, so a retry after a failure never refunds twice.
 * 3. The credit note is recorded on the return, which becomes `refunded`, and the shopper told.
 */
export async function receiveReturn(ctx: Ctx, deps: Pick<CheckoutDeps, 'providers' | 'appSecret' | 'publicUrl'>, input: ReceiveReturnInput): Promise<ReceiveReturnResult> {
  if (ctx.actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Seul un membre de l’équipe enregistre un retour.')
  const step = await ctx.db.transaction().execute(async (trx) => {
    const tx: Ctx = { ...ctx, db: trx }
    const ret = await getReturn(tx, input.returnId, { lock: true })
    if (!ret) return { ok: false as const, code: 'NOT_FOUND' as const }
    if (ret.status === 'received' || ret.status === 'refunded') return { ok: true as const, duplicate: true, ret }
    if (ret.status !== 'approved') return { ok: false as const, code: 'NOT_RECEIVABLE' as const, status: ret.status }
    const errors = checkReceipt(tx, ret, input.lines)
    if (Object.keys(errors).length) return { ok: false as const, code: 'INVALID' as const, errors }
    await recordReturnReceipt(tx, ret, input.lines)
    if (await orderFullyReturned(tx, ret.order.id)) {
      await transitionOrder(tx, { orderId: ret.order.id, to: 'returned', from: ['shipped', 'delivered'], note: `retour ${ret.number} reçu` })
    }
    const after = (await getReturn(tx, ret.id))!
    await recordAudit(tx, {
      action: 'returns.received', entityType: 'return', entityId: ret.id, before: { status: ret.status },
      after: { status: after.status, lines: after.lines.map((l) => ({ orderLineId: l.orderLineId, lotId: l.lotId, restocked: l.restocked, writtenOff: l.writtenOff })) },
    })
    return { ok: true as const, duplicate: false, ret: after }
  })
  if (!step.ok) return step
  const ret = step.ret
  if (ret.status === 'refunded') return { ok: true, duplicate: true, refund: { ok: true, amount: ret.refundAmount ?? 0, creditNoteNumber: '', pending: false } }

  const lines = ret.lines.filter((l) => l.restocked + l.writtenOff > 0).map((l) => ({ orderLineId: l.orderLineId, quantity: l.restocked + l.writtenOff }))
  const refunded = await refundOrderByStaff(ctx, deps, { orderId: ret.order.id, requestKey: `return-${ret.id}`, reason: `Retour ${ret.number}`, mode: 'lines', lines, shipping: input.refundShipping })
  if (!refunded.ok) {
    const message = refunded.code === 'NOT_FOUND' ? 'La commande est introuvable.' : refunded.message
    return { ok: true, duplicate: step.duplicate, refund: { ok: false, message } }
  }

  await ctx.db.transaction().execute(async (trx) => {
    const tx: Ctx = { ...ctx, db: trx }
    const invoice = await getInvoiceForOrder(tx, ret.order.id)
    const note = invoice ? (await listCreditNotes(tx, invoice.id)).find((c) => c.number === refunded.creditNoteNumber) : undefined
    const { changed } = await markReturnRefunded(tx, { returnId: ret.id, creditNoteId: note?.id ?? null, amount: refunded.amount })
    if (!changed) return
    await recordAudit(tx, { action: 'returns.refunded', entityType: 'return', entityId: ret.id, before: { status: 'received' }, after: { status: 'refunded', creditNote: refunded.creditNoteNumber, amount: refunded.amount, shipping: input.refundShipping } })
    await queueEmail(tx, {
      to: ret.order.email, locale: ret.order.locale, template: 'return-refunded', dedupeKey: `return-refunded:${ret.id}`,
      data: { returnNumber: ret.number, orderNumber: ret.order.number, amount: refunded.amount, creditNoteNumber: refunded.creditNoteNumber, orderUrl: orderUrl(deps.publicUrl, deps.appSecret, ret.order.id, ret.order.locale) },
    })
  })
  return { ok: true, duplicate: step.duplicate, refund: { ok: true, amount: refunded.amount, creditNoteNumber: refunded.creditNoteNumber, pending: refunded.refund === 'failed' } }
}
