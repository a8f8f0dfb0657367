import type { MatchStatus } from './tables.ts'

/** Allowed gap between the invoiced and the ordered unit cost, in cents (0: the agreed price exactly). */
export const UNIT_COST_TOLERANCE_CENTS = 0

/** A purchase-order line as the match sees it: what was ordered, accepted at receipt, and billed before. */
export type MatchPoLine = {
  id: string
  poNumber: string
  sku: string | null
  unitCost: number
  /** goods_receipt_lines.quantity_accepted summed over every receipt of the line */
  receivedAccepted: number
  /** quantities of this line on earlier invoices that are not cancelled */
  alreadyInvoiced: number
  receiptNumbers: string[]
}

export type MatchInvoiceLine = { position: number; purchaseOrderLineId: string | null; quantity: number; unitCost: number }

export type LineMatch = {
  position: number
  purchaseOrderLineId: string | null
  poNumber: string | null
  receiptNumbers: string[]
  invoicedQuantity: number
  receivedQuantity: number
  alreadyInvoiced: number
  /** received − already invoiced (− earlier lines of this invoice on the same PO line) */
  billableQuantity: number
  invoicedUnitCost: number
  orderedUnitCost: number | null
  ok: boolean
  problems: string[]
}

export type MatchResult = { status: MatchStatus; lines: LineMatch[] }

const eur = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`

/**
 * The three-way match of an invoice against its purchase order and goods receipts. Per line: the
 * quantity billed may not exceed what was accepted into stock and not billed yet, and the unit
 * cost must be the ordered one (± UNIT_COST_TOLERANCE_CENTS). Billing less than received is fine
 * (the rest comes on a later invoice). No purchase order: `unmatched`, nothing to compare.
 */
export function threeWayMatch(hasPurchaseOrder: boolean, lines: readonly MatchInvoiceLine[], poLines: readonly MatchPoLine[], tolerance = UNIT_COST_TOLERANCE_CENTS): MatchResult {
  if (!hasPurchaseOrder) return { status: 'unmatched', lines: [] }
  const byId = new Map(poLines.map((l) => [l.id, l]))
  const billedHere = new Map<string, number>()
  const out = lines.map((line): LineMatch => {
    const po = line.purchaseOrderLineId ? byId.get(line.purchaseOrderLineId) : undefined
    if (!po) {
      return {
        position: line.position, purchaseOrderLineId: line.purchaseOrderLineId, poNumber: null, receiptNumbers: [], invoicedQuantity: line.quantity,
        receivedQuantity: 0, alreadyInvoiced: 0, billableQuantity: 0, invoicedUnitCost: line.unitCost, orderedUnitCost: null, ok: false,
        problems: ['Ligne absente du bon de commande : rien à rapprocher'],
      }
    }
    const earlierHere = billedHere.get(po.id) ?? 0
    billedHere.set(po.id, earlierHere + line.quantity)
    const billable = po.receivedAccepted - po.alreadyInvoiced - earlierHere
    const problems: string[] = []
    if (line.quantity > billable) {
      problems.push(`Quantité facturée ${line.quantity} > reçue non encore facturée ${Math.max(billable, 0)} (reçue ${po.receivedAccepted}, déjà facturée ${po.alreadyInvoiced + earlierHere})`)
    }
    if (Math.abs(line.unitCost - po.unitCost) > tolerance) {
      problems.push(`Prix unitaire ${eur(line.unitCost)} ≠ prix commandé ${eur(po.unitCost)}`)
    }
    return {
      position: line.position, purchaseOrderLineId: po.id, poNumber: po.poNumber, receiptNumbers: po.receiptNumbers, invoicedQuantity: line.quantity,
      receivedQuantity: po.receivedAccepted, alreadyInvoiced: po.alreadyInvoiced + earlierHere, billableQuantity: billable,
      invoicedUnitCost: line.unitCost, orderedUnitCost: po.unitCost, ok: problems.length === 0, problems,
    }
  })
  return { status: out.every((l) => l.ok) ? 'matched' : 'mismatch', lines: out }
}
