import type { PaymentTermsType } from '../producers/index.ts'

export type Terms = { paymentTermsType: PaymentTermsType; paymentTermsDays: number }

const DAY_MS = 86_400_000
const parse = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)))
const format = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** 'YYYY-MM-DD' plus n calendar days. */
export const addDays = (iso: string, n: number): string => format(parse(iso) + n * DAY_MS)

/** The last day of the month of a day ('2026-02-10' → '2026-02-28'). */
export function endOfMonth(iso: string): string {
  const d = new Date(parse(iso))
  return format(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))
}

/** Whole days from a to b (b − a), both 'YYYY-MM-DD'. */
export const daysBetween = (a: string, b: string): number => Math.round((parse(b) - parse(a)) / DAY_MS)

/**
 * When a supplier invoice falls due under the agreement's terms (C. com. L441-10 and L441-11 II,
 * DOMAIN.md §7): N days from the invoice date; N days after the end of the month of delivery
 * (alcohol under excise: rum at 30 days EOM); or N days after delivery (perishable food).
 * Without a delivery date (no purchase order) the invoice date stands for it.
 */
export function dueDate(terms: Terms, invoiceDate: string, deliveredOn: string | null): string {
  const delivered = deliveredOn ?? invoiceDate
  switch (terms.paymentTermsType) {
    case 'NET_DAYS_FROM_INVOICE':
      return addDays(invoiceDate, terms.paymentTermsDays)
    case 'DAYS_AFTER_END_OF_DELIVERY_MONTH':
      return maxDay(invoiceDate, addDays(endOfMonth(delivered), terms.paymentTermsDays))
    case 'DAYS_AFTER_DELIVERY':
      return maxDay(invoiceDate, addDays(delivered, terms.paymentTermsDays))
  }
}

// An invoice dated long after delivery is never due before its own date (the table's CHECK due_on >= invoice_date).
const maxDay = (a: string, b: string): string => (a > b ? a : b)
