import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { agreementInForce } from '../producers/index.ts'
import { dueDate } from './due-date.ts'
import { euroCents, invalid, isoDate, parseInput, recordId, vatRateBp, type FieldError } from './input.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { priceInvoice } from './invoice-totals.ts'
import { purchaseOrderContext } from './purchase-order-context.ts'
import { payablesDb } from './tables.ts'
import { threeWayMatch } from './three-way-match.ts'

export const RecordInvoiceLine = z.object({
  purchaseOrderLineId: z.string().nullish().transform((s) => (s == null || s.trim() === '' ? null : s.trim())),
  description: z.string({ error: 'La désignation est obligatoire' }).trim().min(1, 'La désignation est obligatoire').max(300, 'La désignation : 300 caractères au plus'),
  quantity: z.coerce.number({ error: 'La quantité doit être un nombre' }).int('La quantité doit être un nombre entier').positive('La quantité doit être supérieure à zéro').max(1_000_000, 'La quantité est trop grande'),
  unitCost: euroCents('Le prix unitaire HT'),
  vatRateBp: vatRateBp('Le taux de TVA'),
})

/** A supplier invoice as typed from the paper or PDF the producer sent. */
export const RecordInvoiceInput = z.object({
  producerId: recordId('Choisissez le producteur'),
  invoiceNumber: z.string({ error: 'Le numéro de facture est obligatoire' }).trim().min(1, 'Le numéro de facture est obligatoire').max(60, 'Le numéro de facture : 60 caractères au plus'),
  invoiceDate: isoDate('La date de facture'),
  purchaseOrderId: z.string().nullish().transform((s) => (s == null || s.trim() === '' ? null : s.trim())),
  lines: z.array(RecordInvoiceLine).min(1, 'Saisissez au moins une ligne').max(200, '200 lignes au plus'),
})
export type RecordInvoiceInput = z.input<typeof RecordInvoiceInput>

export type RecordedInvoice = { invoiceId: string; status: 'received' | 'disputed'; matchStatus: 'matched' | 'mismatch' | 'unmatched'; dueOn: string; totalGross: number }

/**
 * Records a supplier invoice: totals computed here, the three-way match against its purchase
 * order and receipts, the due date from the agreement in force on the invoice date. A mismatch
 * puts the invoice in dispute until someone approves it with a reason. Refused (nothing written):
 * a date in the future, no agreement on that date, an order of another producer, a number the
 * producer already used (409, the unique index decides under concurrency).
 */
export async function recordInvoice(ctx: Ctx, raw: RecordInvoiceInput): Promise<RecordedInvoice> {
  const input = parseInput(RecordInvoiceInput, raw)
  const today = isoDay(ctx.now)
  if (input.invoiceDate > today) invalid([{ path: 'invoiceDate', message: 'La date de facture ne peut pas être dans le futur' }])
  return inTransaction(ctx, async (tx) => {
    const db = payablesDb(tx.db)
    const producer = await db.selectFrom('producers').select(['id', 'trade_name']).where('id', '=', input.producerId).executeTakeFirst()
    if (!producer) invalid([{ path: 'producerId', message: 'Ce producteur n’existe pas' }])
    const errors: FieldError[] = []
    // Lock the order so two invoices of it are matched one after the other (each sees what the other billed).
    const po = input.purchaseOrderId
      ? (await sql`select id from purchase_orders where id = ${input.purchaseOrderId} for update`.execute(tx.db), await purchaseOrderContext(tx, input.purchaseOrderId))
      : null
    if (input.purchaseOrderId && !po) errors.push({ path: 'purchaseOrderId', message: 'Ce bon de commande n’existe pas' })
    if (po && po.producerId !== producer.id) errors.push({ path: 'purchaseOrderId', message: `Le bon de commande ${po.number} est celui d’un autre producteur` })
    const poLineIds = new Set(po?.lines.map((l) => l.id) ?? [])
    input.lines.forEach((l, i) => {
      if (l.purchaseOrderLineId && !poLineIds.has(l.purchaseOrderLineId)) errors.push({ path: `lines.${i}.purchaseOrderLineId`, message: `Ligne ${i + 1} : elle ne fait pas partie du bon de commande choisi` })
    })
    const terms = await agreementInForce(tx, producer.id, input.invoiceDate)
    if (!terms) errors.push({ path: 'invoiceDate', message: `Aucun accord signé avec ${producer.trade_name} n’est en vigueur le ${input.invoiceDate} : enregistrez d’abord l’accord (conditions de paiement) pour calculer l’échéance` })
    if (errors.length || !terms) invalid(errors)

    const deliveredOn = po ? (po.lastReceivedOn ?? input.invoiceDate) : input.invoiceDate
    const dueOn = dueDate(terms, input.invoiceDate, deliveredOn)
    const priced = priceInvoice(input.lines)
    const positioned = priced.lines.map((l, i) => ({ ...l, position: i + 1 }))
    const match = threeWayMatch(po !== null, positioned, po?.lines ?? [])
    const status = match.status === 'mismatch' ? 'disputed' : 'received'
    const id = newId('sin')
    const row = {
      id, producer_id: producer.id, invoice_number: input.invoiceNumber, purchase_order_id: po?.id ?? null, invoice_date: input.invoiceDate,
      delivered_on: deliveredOn, received_on: today, total_net: priced.totalNet, total_vat: priced.totalVat, total_gross: priced.totalGross,
      due_on: dueOn, payment_terms_type: terms.paymentTermsType, payment_terms_days: terms.paymentTermsDays, match_status: match.status,
      match_detail: JSON.stringify(match.lines), status, created_by: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, created_at: ctx.now, updated_at: ctx.now,
    } as const
    try {
      await db.insertInto('supplier_invoices').values(row).execute()
    } catch (err) {
      if ((err as { code?: string; constraint?: string }).constraint === 'supplier_invoices_number_key') {
        invalid([{ path: 'invoiceNumber', message: `La facture n° ${input.invoiceNumber} de ${producer.trade_name} est déjà enregistrée` }], 'CONFLICT')
      }
      throw err
    }
    const variantOf = new Map(po?.lines.map((l) => [l.id, l.variantId]) ?? [])
    await db.insertInto('supplier_invoice_lines').values(positioned.map((l) => ({
      id: newId('sil'), supplier_invoice_id: id, position: l.position, purchase_order_line_id: l.purchaseOrderLineId,
      variant_id: l.purchaseOrderLineId ? (variantOf.get(l.purchaseOrderLineId) ?? null) : null, description: l.description,
      quantity: l.quantity, unit_cost: l.unitCost, net: l.net, vat_rate_bp: l.vatRateBp, vat: l.vat,
    }))).execute()
    await recordAudit(tx, { action: 'payables.invoice_recorded', entityType: 'supplier_invoice', entityId: id, before: null, after: { ...row, match_detail: match.lines, lines: positioned.length } })
    return { invoiceId: id, status, matchStatus: match.status, dueOn, totalGross: priced.totalGross }
  })
}
