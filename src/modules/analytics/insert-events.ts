import { sql } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import { EVENT_COLUMNS, type EventRow } from './tables.ts'

// One statement text whatever the batch size (its plan is prepared once), and one JSON parameter:
// JSON.stringify is native and fast, where binding 29 arrays costs the event loop more.
const columns = sql.raw(EVENT_COLUMNS.join(', '))

/** Inserts a batch of events in one statement; an order already counted is skipped. Returns rows written. */
export async function insertEvents(db: Db, rows: readonly EventRow[]): Promise<number> {
  if (rows.length === 0) return 0
  const r = await sql`INSERT INTO events (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::events, ${JSON.stringify(rows)}::json) ON CONFLICT DO NOTHING`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}
