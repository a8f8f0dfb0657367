import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

const cache = new Map<string, string>()

/**
 * The random salt of a UTC day, shared by every process through `analytics_salts` (the first one to
 * ask creates it). The roll-up job deletes past days' salts: then nobody can recompute a pseudonym.
 */
export async function dailySalt(db: Db, now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10)
  const known = cache.get(day)
  if (known) return known
  await sql`INSERT INTO analytics_salts (day, salt) VALUES (${day}::date, ${randomBytes(32).toString('base64url')}) ON CONFLICT (day) DO NOTHING`.execute(db)
  const row = await sql<{ salt: string }>`SELECT salt FROM analytics_salts WHERE day = ${day}::date`.execute(db)
  const salt = row.rows[0]!.salt
  if (cache.size > 4) cache.clear()
  cache.set(day, salt)
  return salt
}
