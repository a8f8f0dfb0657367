import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { parseInput } from './fields.ts'
import { PURCHASE_ORDER_LIFECYCLE } from './lifecycle.ts'
import { purchasingDb, type PurchaseOrderStatus } from './tables.ts'

const STATUSES = Object.keys(PURCHASE_ORDER_LIFECYCLE) as [PurchaseOrderStatus, ...PurchaseOrderStatus[]]
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)

export const PurchaseOrderListInput = z.object({
  producerId: z.preprocess(blankToUndefined, z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/, 'Choisissez un producteur de la liste.').optional()),
  status: z.preprocess(blankToUndefined, z.enum(STATUSES, { error: 'Choisissez un statut de la liste.' }).optional()),
  warehouseCode: z.preprocess(blankToUndefined, z.string().regex(/^[A-Z0-9-]{2,20}$/, 'Choisissez un entrepôt de la liste.').optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number({ error: 'Page invalide' }).int('Page invalide').min(1, 'Page invalide').max(10_000, 'Page invalide').default(1)),
})
export type PurchaseOrderListInput = z.input<typeof PurchaseOrderListInput>

export type PurchaseOrderRow = {
  id: string; number: string; producerName: string; warehouseCode: string; status: PurchaseOrderStatus
  totalNet: number; expectedOn: string | null; createdAt: Date
}
export const PO_PAGE_SIZE = 50

/** Purchase orders, newest first, filtered by producer, status and warehouse (one page + total). */
export async function listPurchaseOrders(ctx: Ctx, raw: PurchaseOrderListInput): Promise<{ rows: PurchaseOrderRow[]; total: number; page: number; pageSize: number }> {
  const input = parseInput(PurchaseOrderListInput, raw)
  let q = purchasingDb(ctx.db).selectFrom('purchase_orders as o').innerJoin('producers as p', 'p.id', 'o.producer_id')
  if (input.producerId) q = q.where('o.producer_id', '=', input.producerId)
  if (input.status) q = q.where('o.status', '=', input.status)
  if (input.warehouseCode) q = q.where('o.warehouse_code', '=', input.warehouseCode)
  const [rows, total] = await Promise.all([
    q.select(['o.id', 'o.number', 'p.trade_name', 'o.warehouse_code', 'o.status', 'o.expected_on', 'o.created_at'])
      .select((eb) => eb.selectFrom('purchase_order_lines as l').whereRef('l.purchase_order_id', '=', 'o.id')
        .select((s) => s.fn.coalesce(s.fn.sum<number>(s('l.quantity_ordered', '*', s.ref('l.unit_cost'))), s.lit(0)).as('n')).as('total_net'))
      .orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').limit(PO_PAGE_SIZE).offset((input.page - 1) * PO_PAGE_SIZE).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    rows: rows.map((r) => ({ id: r.id, number: r.number, producerName: r.trade_name, warehouseCode: r.warehouse_code, status: r.status, totalNet: Number(r.total_net ?? 0), expectedOn: r.expected_on ? isoDay(r.expected_on) : null, createdAt: r.created_at })),
    total: Number(total.n), page: input.page, pageSize: PO_PAGE_SIZE,
  }
}
