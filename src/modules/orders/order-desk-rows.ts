import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import type { OrderState } from './order-lifecycle.ts'

// What the order desk's lists share: the row and its one query, and the input pieces.

export type OrderDeskRow = {
  id: string
  number: string
  status: OrderState
  email: string
  /** the buyer (billing name) */
  name: string
  /** the recipient when it is someone else (a gift), else null */
  shipToName: string | null
  market: string
  totalGross: number
  currency: 'EUR'
  placedAt: Date
  paymentMethod: 'card' | 'bank_transfer'
  lineCount: number
  customerId: string | null
}

type RowSql = {
  id: string; number: string; status: OrderState; email: string; bill_name: string; ship_name: string; market: string; total_gross: number
  currency: string; placed_at: Date; payment_method: 'card' | 'bank_transfer'; line_count: number; customer_id: string | null
}

/** The rows of these orders, in the given order, in one query. */
export async function deskRows(ctx: Ctx, ids: readonly string[]): Promise<OrderDeskRow[]> {
  if (!ids.length) return []
  const r = await sql<RowSql>`
    select o.id, o.number, o.status, o.email, o.bill_to ->> 'name' as bill_name, o.ship_to ->> 'name' as ship_name, o.market, o.total_gross,
           o.currency, o.placed_at, o.payment_method, o.customer_id,
           (select count(*)::int from order_lines l where l.order_id = o.id) as line_count
      from unnest(${[...ids]}::text[]) with ordinality as wanted(id, ord)
      join orders o on o.id = wanted.id
     order by wanted.ord`.execute(ctx.db)
  return r.rows.map((o) => ({
    id: o.id, number: o.number, status: o.status, email: o.email, name: o.bill_name, shipToName: o.ship_name !== o.bill_name ? o.ship_name : null,
    market: o.market, totalGross: o.total_gross, currency: 'EUR', placedAt: new Date(o.placed_at), paymentMethod: o.payment_method,
    lineCount: o.line_count, customerId: o.customer_id,
  }))
}

export const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

export const DeskText = z.preprocess(blankIsAbsent, z.string().trim().max(120).regex(/^[^\p{Cc}]*$/u, 'control characters').optional())
/** 'YYYY-MM-DD', a real calendar day */
export const DeskDate = z.preprocess(blankIsAbsent, z.iso.date().optional())
export const DeskTimeZone = z.preprocess(blankIsAbsent, z.string().max(64).refine((tz) => {
  try {
    return Boolean(new Intl.DateTimeFormat('en', { timeZone: tz }))
  } catch {
    return false
  }
}, 'unknown time zone').default('America/Guadeloupe'))
export const DeskPage = z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100_000).default(1))
export const DeskPageSize = z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100).default(50))
