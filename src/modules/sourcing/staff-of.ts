import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import type { ProducerStatus } from '../producers/tables.ts'
import { producerNotFound } from './fields.ts'
import { sourcingDb } from './tables.ts'

/** The staff member acting (sourcing writes are the team's). */
export function staffIdOf(ctx: Ctx): string {
  if (ctx.actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Seule l’équipe de la délégation peut faire cela.')
  return ctx.actor.staffId
}

/** The producer row locked for the write (operator excluded), or 404. */
export async function lockProducer(ctx: Ctx, producerId: string): Promise<{ id: string; status: ProducerStatus; trade_name: string; updated_at: Date }> {
  const row = await sourcingDb(ctx.db).selectFrom('producers').select(['id', 'status', 'trade_name', 'updated_at'])
    .where('id', '=', producerId).where('kind', '=', 'producer').forUpdate().executeTakeFirst()
  if (!row) throw producerNotFound()
  return row
}
