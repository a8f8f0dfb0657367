import type { Role } from './permissions.ts'

/** A member of the delegation team as the back office shows it. */
export type StaffMember = {
  id: string
  email: string
  name: string
  roles: Role[]
  active: boolean
  totpEnabled: boolean
  lockedUntil: Date | null
  createdAt: Date
}

/** The member behind a valid back-office session. */
export type StaffSession = {
  sessionId: string
  staff: { id: string; email: string; name: string; roles: Role[]; totpEnabled: boolean }
  /** false until the TOTP code of a member with a second factor is accepted */
  totpPassed: boolean
}
