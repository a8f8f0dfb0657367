import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string | null, never>

export type AuditLogTable = {
  id: Generated<string>
  at: Timestamp
  actor_kind: string
  actor_id: string | null
  actor_label: string
  action: string
  entity_type: string
  entity_id: string
  before: Json | null
  after: Json | null
  reason: string | null
  request_id: string | null
}

export type AuditTables = { audit_log: AuditLogTable }

/** The audit module's view of the database. */
export const auditDb = (db: Db) => db.withTables<AuditTables>()
