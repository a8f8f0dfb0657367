import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { systemCtx } from '../kernel/ctx.ts'
import type { Database } from '../kernel/db/client.ts'
import type { Logger } from '../kernel/log.ts'
import { createProducerUser } from '../modules/producer-accounts/index.ts'

export const DEMO_PRODUCER_EMAIL = 'portail@lakou.example'

/**
 * A demo market without any producer portal account gets one for its first active producer,
 * with a random password printed once in the start-up log (as for the demo administrator), so
 * the producer portal at /portail can be tried at once.
 */
export async function ensureDemoProducerAccount(database: Database, log: Logger): Promise<void> {
  const db = database.db
  const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM producer_users`.execute(db)
  if (existing.rows[0]!.n > 0) return
  const producer = (await sql<{ id: string; trade_name: string }>`SELECT id, trade_name FROM producers WHERE status = 'ACTIVE' AND kind = 'producer' ORDER BY code LIMIT 1`.execute(db)).rows[0]
  if (!producer) return
  const password = `lakou-${randomBytes(12).toString('base64url')}`
  await createProducerUser(systemCtx(db, 'seed:demo-producer-account'), { producerId: producer.id, email: DEMO_PRODUCER_EMAIL, name: `Démo ${producer.trade_name}`, password })
  log.warn({ email: DEMO_PRODUCER_EMAIL, password, producer: producer.trade_name }, `producer portal: sign in at /portail as ${DEMO_PRODUCER_EMAIL} (${producer.trade_name}) with the password ${password} (shown once)`)
}
