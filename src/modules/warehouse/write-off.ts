import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { staffIdOf, type WriteOffCause } from './tables.ts'

export const WRITE_OFF_CAUSES: Record<WriteOffCause, string> = {
  broken: 'Casse', damaged: 'Abîmé', expired: 'Périmé', lost: 'Perdu', theft: 'Vol', quality: 'Défaut de qualité', return_to_producer: 'Retour au producteur', other: 'Autre',
}

export const WriteOffInput = z.object({
  lotId: z.string({ error: 'Choisissez le lot.' }).min(1, 'Choisissez le lot.').max(64),
  quantity: z.number({ error: 'Indiquez une quantité (nombre entier).' }).int('Une quantité est un nombre entier.').min(1, 'La quantité doit être au moins 1.').max(100_000, 'Quantité trop grande.'),
  cause: z.enum(Object.keys(WRITE_OFF_CAUSES) as [WriteOffCause, ...WriteOffCause[]], { error: 'Choisissez la cause de la sortie.' }),
  note: z.string().trim().max(500, 'La note tient en 500 caractères.').optional(),
})
export type WriteOffInput = z.input<typeof WriteOffInput>

/**
 * Takes units out of a lot for a cause (broken, expired…): one WRITE_OFF movement. Only free
 * units can go (on hand − held − allocated): more is refused and nothing changes. Call it inside
 * a transaction.
 */
export async function writeOffStock(ctx: Ctx, raw: WriteOffInput): Promise<{ lotCode: string; sku: string; left: number }> {
  const input = WriteOffInput.parse(raw)
  const lot = (await sql<{ lot_code: string; sku: string; free: number; on_hand: number }>`
    SELECT l.lot_code, v.sku, s.on_hand - s.reserved - s.allocated AS free, s.on_hand
      FROM lots l JOIN product_variants v ON v.id = l.variant_id JOIN stock_levels s ON s.lot_id = l.id WHERE l.id = ${input.lotId} FOR UPDATE OF s`.execute(ctx.db)).rows[0]
  if (!lot) throw new AppError('NOT_FOUND', 'Ce lot n’existe pas ou n’a pas de stock.')
  if (input.quantity > lot.free) {
    throw new AppError('CONFLICT', `${lot.sku} lot ${lot.lot_code} : ${input.quantity} unité(s) à sortir, mais ${lot.free} seulement sont libres (${lot.on_hand} en stock, le reste est promis à des commandes). Rien n’a été sorti.`)
  }
  await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference, note, staff_id, cause, created_at)
    VALUES (${input.lotId}, ${-input.quantity}, 'WRITE_OFF', 'write-off', ${input.note || null}, ${staffIdOf(ctx.actor)}, ${input.cause}, ${ctx.now})`.execute(ctx.db)
  await recordAudit(ctx, { action: 'warehouse.written_off', entityType: 'lot', entityId: input.lotId, reason: input.note || null, before: { onHand: lot.on_hand }, after: { onHand: lot.on_hand - input.quantity, quantity: input.quantity, cause: input.cause } })
  return { lotCode: lot.lot_code, sku: lot.sku, left: lot.on_hand - input.quantity }
}
