import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type StaffUsersTable = {
  id: string
  email: string
  name: string
  password_hash: string
  totp_sealed: string | null
  totp_enabled: Generated<boolean>
  /** bigint: read back as a string by the driver */
  totp_last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>
  active: Generated<boolean>
  locked_until: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type StaffRolesTable = { staff_id: string; role: string; granted_at: Timestamp }

export type StaffSessionsTable = {
  id: string
  staff_id: string
  token_hash: string
  totp_passed: boolean
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
}

export type StaffSignInFailuresTable = { id: Generated<string>; email_key: string; ip: string; failed_at: Timestamp }

export type StaffTables = {
  staff_users: StaffUsersTable
  staff_roles: StaffRolesTable
  staff_sessions: StaffSessionsTable
  staff_sign_in_failures: StaffSignInFailuresTable
}

/** The staff module's view of the database. */
export const staffDb = (db: Db) => db.withTables<StaffTables>()
