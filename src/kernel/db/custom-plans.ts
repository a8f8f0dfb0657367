import { sql } from 'kysely'
import type { Db } from './client.ts'

/**
 * Runs `fn` in a transaction whose statements are planned for their actual values
 * (plan_cache_mode = force_custom_plan, for this transaction only).
 *
 * Why: on PostgreSQL every parameterised query is a named prepared statement (prepared-pool.ts),
 * and after five runs PostgreSQL may keep one generic plan for it. For search statements the
 * right plan depends on the value: a rare name is best found through its trigram index, a common
 * one by walking the newest orders until the page is full. A generic plan picks one for all and
 * can be 100 times slower on the others. Costs three short round trips (BEGIN, SET, COMMIT).
 * Inside an open transaction it sets the mode for the rest of that transaction.
 */
export async function withCustomPlans<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`set local plan_cache_mode = force_custom_plan`.execute(db)
    return fn(db)
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local plan_cache_mode = force_custom_plan`.execute(trx)
    return fn(trx)
  })
}
