import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

// The producer portal's own accounts (migration 0013): a producer's staff, their sessions, failures.

export type ProducerUsersTable = {
  id: string
  producer_id: string
  email: string
  name: string
  password_hash: string
  active: Generated<boolean>
  locked_until: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type ProducerSessionsTable = {
  id: string
  producer_user_id: string
  producer_id: string
  token_hash: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
}

export type ProducerSignInFailuresTable = { id: Generated<string>; email_key: string; ip: string; failed_at: Timestamp }

/** Read only here: the producer an account belongs to (owned by the producers module). */
export type ProducerNamesReadModel = { id: string; code: string; trade_name: string }

export type ProducerAccountTables = {
  producer_users: ProducerUsersTable
  producer_sessions: ProducerSessionsTable
  producer_sign_in_failures: ProducerSignInFailuresTable
  producers: ProducerNamesReadModel
}

/** The producer-accounts module's view of the database. */
export const producerAccountsDb = (db: Db) => db.withTables<ProducerAccountTables>()
