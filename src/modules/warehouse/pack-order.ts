import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { settleOrderProgress } from './order-progress.ts'
import { getPackingView } from './packing-view.ts'
import { checkPacking, localDay } from './packing-rules.ts'
import { staffIdOf } from './tables.ts'

export const PackOrderInput = z.object({
  orderId: z.string().min(1).max(64),
  /** quantities confirmed per order line and lot; 0 leaves the units for a later parcel */
  lines: z.array(z.object({ orderLineId: z.string().min(1).max(64), lotId: z.string().min(1).max(64), quantity: z.number().int('Une quantité est un nombre entier.').min(0, 'Une quantité ne peut pas être négative.').max(10_000) })).max(500),
  protectivePacking: z.boolean(),
  parcelCount: z.number({ error: 'Indiquez le nombre de colis.' }).int('Le nombre de colis est un entier.').min(1, 'Au moins un colis.').max(50, '50 colis au plus.'),
  weightG: z.number().int().positive().max(1_000_000).nullable().default(null),
})
export type PackOrderInput = z.input<typeof PackOrderInput>

/** Field → message of a refused packing (the form shows them); thrown as VALIDATION_FAILED. */
export class PackingRefused extends AppError {
  constructor(readonly fields: Record<string, string>) {
    super('VALIDATION_FAILED', Object.values(fields).join(' '))
  }
}

const TIME_ZONE: Record<string, string> = { GP: 'America/Guadeloupe', MQ: 'America/Martinique' }

/**
 * The packer confirms what goes in the parcel: picked units, by order line and lot, at most what
 * is waiting. The shipping-class rules are enforced (bottles, flowers). One shipment per call
 * (status packed, one line per lot), from one warehouse. The order becomes packed when nothing
 * is left to pack, else stays in picking (partial). Call it inside a transaction.
 */
export async function packOrder(ctx: Ctx, raw: PackOrderInput): Promise<{ shipmentId: string; number: string; orderStatus: string | null }> {
  const parsed = PackOrderInput.safeParse(raw)
  if (!parsed.success) throw new PackingRefused(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])))
  const input = parsed.data
  await sql`SELECT id FROM orders WHERE id = ${input.orderId} FOR UPDATE`.execute(ctx.db)
  const view = await getPackingView(ctx, input.orderId)
  if (!view) throw new AppError('NOT_FOUND', 'Cette commande n’existe pas.')
  if (!['picking', 'packed'].includes(view.status)) throw new AppError('CONFLICT', `La commande ${view.number} n’est pas en préparation (statut ${view.status}) : rien à emballer.`)
  const chosen = input.lines.filter((l) => l.quantity > 0)
  if (!chosen.length) throw new PackingRefused({ lines: 'Indiquez au moins une unité à mettre dans le colis.' })
  const errors: Record<string, string> = {}
  const units = chosen.map((l) => {
    const u = view.units.find((x) => x.orderLineId === l.orderLineId && x.lotId === l.lotId)
    if (!u) errors.lines = 'Une ligne n’est plus à emballer : rechargez la page.'
    else if (l.quantity > u.pending) errors.lines = `${u.sku} (lot ${u.lotCode}) : ${l.quantity} unité(s) demandées, ${u.pending} à emballer au plus.`
    return { ...l, unit: u }
  })
  if (Object.keys(errors).length) throw new PackingRefused(errors)
  const warehouses = new Set(units.map((u) => u.unit!.warehouseCode))
  if (warehouses.size > 1) throw new PackingRefused({ lines: 'Un colis part d’un seul entrepôt : emballez chaque entrepôt à part.' })
  const warehouse = [...warehouses][0]!
  const territory = (await sql<{ territory_code: string }>`SELECT territory_code FROM warehouses WHERE code = ${warehouse}`.execute(ctx.db)).rows[0]?.territory_code ?? 'GP'
  const bottles = units.filter((u) => u.unit!.shippingClass === 'BOTTLE').reduce((a, u) => a + u.quantity, 0)
  const flowers = units.some((u) => u.unit!.shippingClass === 'FRESH_FLOWERS_EXPRESS') ? { deliveryDate: view.deliveryDate, zone: view.zone } : null
  const refused = checkPacking({ bottles, protectivePacking: input.protectivePacking, parcelCount: input.parcelCount, flowers, ...localDay(ctx.now, TIME_ZONE[territory] ?? 'Europe/Paris') })
  if (Object.keys(refused).length) throw new PackingRefused(refused)

  const id = newId('shp', ctx.now.getTime())
  const weight = input.weightG ?? units.reduce((a, u) => a + u.quantity * u.unit!.unitWeightG, 0)
  const staffId = staffIdOf(ctx.actor)
  const head = await sql<{ number: string }>`
    INSERT INTO shipments (id, number, order_id, warehouse_code, status, parcel_count, weight_g, protective_packing, packed_by, packed_at, created_at)
    VALUES (${id}, 'EX-' || lpad(nextval('shipment_number_seq')::text, 6, '0'), ${input.orderId}, ${warehouse}, 'packed', ${input.parcelCount}, ${weight > 0 ? weight : null}, ${input.protectivePacking}, ${staffId}, ${ctx.now}, ${ctx.now})
    RETURNING number`.execute(ctx.db)
  await sql`INSERT INTO shipment_lines (shipment_id, order_line_id, lot_id, quantity)
    SELECT ${id}, "orderLineId", "lotId", quantity FROM json_to_recordset(${JSON.stringify(chosen)}::json) AS x("orderLineId" text, "lotId" text, quantity int)`.execute(ctx.db)
  const orderStatus = await settleOrderProgress(ctx, input.orderId)
  const short = units.filter((u) => u.quantity < u.unit!.pending).map((u) => ({ sku: u.unit!.sku, lot: u.unit!.lotCode, packed: u.quantity, waiting: u.unit!.pending }))
  await recordAudit(ctx, { action: 'warehouse.packed', entityType: 'shipment', entityId: id, after: { number: head.rows[0]!.number, orderId: input.orderId, parcels: input.parcelCount, protective: input.protectivePacking, lines: chosen, short } })
  return { shipmentId: id, number: head.rows[0]!.number, orderStatus }
}
