import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type EmailStatus = 'QUEUED' | 'SENT' | 'KEPT' | 'FAILED'

export type EmailOutboxTable = {
  id: string
  dedupe_key: string
  to_address: string
  locale: 'fr' | 'en'
  template: string
  /** jsonb: written as a JSON string, read back as an object */
  data: ColumnType<unknown, string, string>
  status: Generated<EmailStatus>
  attempts: Generated<number>
  last_error: string | null
  subject: string | null
  text_body: string | null
  html_body: string | null
  message_id: string | null
  created_at: Timestamp
  processed_at: Timestamp | null
}

export type NotificationTables = { email_outbox: EmailOutboxTable }

/** The notifications module's view of the database. */
export const notificationsDb = (db: Db) => db.withTables<NotificationTables>()
