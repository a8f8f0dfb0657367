import { sql, type RawBuilder } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { withCustomPlans } from '../../kernel/db/custom-plans.ts'
import { AppError } from '../../kernel/errors.ts'
import { ORDER_STATES } from './order-lifecycle.ts'
import { DeskDate, DeskPage, DeskPageSize, DeskText, DeskTimeZone, blankIsAbsent, deskRows, type OrderDeskRow } from './order-desk-rows.ts'

/** The order desk's search (form fields or query string: numbers may come as text, blanks as absent, one status or several). */
export const OrderSearchInput = z.strictObject({
  /** an order number or its start ("LK-10001", "10001"), an e-mail or its start, or words of a customer's name */
  q: DeskText,
  statuses: z.preprocess((v) => (typeof v === 'string' ? (v.trim() ? v.split(',') : undefined) : v), z.array(z.enum(ORDER_STATES)).max(ORDER_STATES.length).optional()),
  /** placed on or after this day, up to this day included, in timeZone */
  from: DeskDate,
  to: DeskDate,
  timeZone: DeskTimeZone,
  market: z.preprocess(blankIsAbsent, z.string().regex(/^[A-Z]{2}(-[A-Z]{2,12})?$/).optional()),
  paymentMethod: z.preprocess(blankIsAbsent, z.enum(['card', 'bank_transfer']).optional()),
  sort: z.preprocess(blankIsAbsent, z.enum(['placed_at', 'total']).default('placed_at')),
  dir: z.preprocess(blankIsAbsent, z.enum(['asc', 'desc']).default('desc')),
  page: DeskPage,
  pageSize: DeskPageSize,
}).refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from is after to', path: ['from'] })
export type OrderSearchInput = z.input<typeof OrderSearchInput>

/** Counting stops here: past it the desk shows "1,000+" (counting a million orders costs more than the page). */
export const ORDER_SEARCH_COUNT_CAP = 1000

export type OrderSearchPage = {
  rows: OrderDeskRow[]
  /** another page follows */
  hasMore: boolean
  /**
   * How many orders match: exact up to ORDER_SEARCH_COUNT_CAP (totalCapped: there are more);
   * null for a text search reaching past this page (not counted: see searchOrders).
   */
  total: number | null
  totalCapped: boolean
  page: number
  pageSize: number
}

/**
 * The order desk: orders found by number, e-mail or customer name, filtered by status, placed
 * dates, market and payment method, newest first (or by total), a page at a time. Every shape of
 * query has its index (migration 0011): number and e-mail prefixes on text_pattern_ops b-trees,
 * words of names (delivery and billing) and e-mail, accents and case ignored, on a trigram index.
 */
export async function searchOrders(ctx: Ctx, input: OrderSearchInput): Promise<OrderSearchPage> {
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'The order desk is for staff only.')
  const parsed = OrderSearchInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `order search invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  const f = parsed.data
  const where: RawBuilder<unknown>[] = [sql`true`]
  const q = f.q ? matchText(f.q) : null
  if (q) where.push(q.where)
  if (f.statuses?.length) where.push(sql`o.status = any(${f.statuses}::text[])`)
  if (f.from) where.push(sql`o.placed_at >= (${f.from}::date)::timestamp at time zone ${f.timeZone}`)
  if (f.to) where.push(sql`o.placed_at < (${f.to}::date + 1)::timestamp at time zone ${f.timeZone}`)
  if (f.market) where.push(sql`o.market = ${f.market}`)
  if (f.paymentMethod) where.push(sql`o.payment_method = ${f.paymentMethod}`)
  const cond = sql.join(where, sql` and `)
  const d = f.dir === 'asc' ? sql`asc` : sql`desc`
  const key = f.sort === 'total' ? sql`o.total_gross ${d}, o.id ${d}` : sql`o.placed_at ${d}, o.id ${d}`
  // a typed order number first, then the orders whose number starts with it
  const order = q?.exact ? sql`(o.number = ${q.exact}) desc, ${key}` : key
  const offset = (f.page - 1) * f.pageSize
  // planned for the values typed: a common name is found by walking the newest orders, a rare one through its index
  const { ids, total } = await withCustomPlans(ctx.db, async (db) => {
    // one row more than the page says whether another page follows
    const ids = (await sql<{ id: string }>`select o.id from orders o where ${cond} order by ${order} limit ${f.pageSize + 1} offset ${offset}`.execute(db)).rows
    if (ids.length && ids.length <= f.pageSize) return { ids, total: offset + ids.length }
    // a text search is not counted: its matches would all be read again, for a number nobody needs
    if (q || (!ids.length && offset)) return { ids, total: null }
    const count = await sql<{ n: number }>`select count(*)::int as n from (select 1 from orders o where ${cond} limit ${ORDER_SEARCH_COUNT_CAP + 1}) x`.execute(db)
    return { ids, total: count.rows[0]?.n ?? 0 }
  })
  return {
    rows: await deskRows(ctx, ids.slice(0, f.pageSize).map((r) => r.id)),
    hasMore: ids.length > f.pageSize,
    total: total === null ? null : Math.min(total, ORDER_SEARCH_COUNT_CAP), totalCapped: total !== null && total > ORDER_SEARCH_COUNT_CAP,
    page: f.page, pageSize: f.pageSize,
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** What the typed text means: a number, an e-mail or its start, or words of names or e-mail. */
function matchText(text: string): { where: RawBuilder<unknown>; exact: string | null } {
  const number = /^(?:lk-?)?(\d{1,12})$/i.exec(text)
  if (number) {
    const exact = `LK-${number[1]}`
    return { where: sql`o.number like ${`${exact}%`}`, exact }
  }
  const emailStart = (t: string) => sql`lower(o.email) like ${`${likeEscape(t.toLowerCase())}%`}`
  if (text.includes('@')) return { where: emailStart(text), exact: null }
  const tokens = text.split(/\s+/)
  // "valerie." or "perez_": the start of an e-mail address (names have no dots nor underscores); a
  // trigram search would ignore the punctuation and recheck every "valerie" order
  if (tokens.length === 1 && /[._+]/.test(text)) return { where: emailStart(text), exact: null }
  // names and e-mail, folded (orders.search_text); trigrams need 3 characters, so shorter words
  // would scan every order: alone they only count as the start of an e-mail
  const words = tokens.filter((w) => [...w].length >= 3)
  if (!words.length) return { where: emailStart(text), exact: null }
  return { where: sql.join(words.map((w) => sql`o.search_text like lakou_fold(${`%${likeEscape(w)}%`})`), sql` and `), exact: null }
}
