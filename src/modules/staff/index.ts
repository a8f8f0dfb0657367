// Public API of the staff module: the delegation team's accounts, roles → actions, back-office
// sessions with lockout and an optional TOTP second factor.

/** The one table of roles → actions, and the checks on it. */
export { ROLES, ACTIONS, PERMISSIONS, can, actionsOf, isRole, type Role, type Action } from './permissions.ts'
/** A new member with roles (back office and `npm run staff:create`). */
export { createStaff, createStaffSchema, staffRolesSchema, type CreateStaffInput } from './create-staff.ts'
/** Name, roles, active; removing a role or deactivating ends the member's sessions. */
export { updateStaff, updateStaffSchema, listStaff, getStaff, type UpdateStaffInput } from './update-staff.ts'
/** Password sign-in with lockout, then the session. */
export { signInStaff, STAFF_LOCKOUT, type StaffSignInResult } from './sign-in-staff.ts'
/** Sessions: resolve the cookie, sign out, purge. */
export { resolveStaffSession, closeStaffSession, purgeStaffSessions, STAFF_SESSION_MS, STAFF_IDLE_MS } from './sessions.ts'
/** TOTP second factor: enrol, confirm, check at sign-in, reset. */
export { startTotpEnrollment, pendingTotp, confirmTotp, passTotp, resetTotp, totpCodeAt, type TotpCheck } from './totp.ts'
export type * from './types.ts'
/** Hourly clean-up of ended sessions. */
export { staffJobs, PURGE_STAFF_SESSIONS_JOB } from './jobs.ts'
