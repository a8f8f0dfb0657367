// Public API of the customers module: accounts, sessions, password resets, sign-in throttle,
// addresses. Address and account reads are scoped to the signed-in customer (ctx.actor).

/** Creates an account (argon2id), queues the welcome e-mail and opens a session. */
export { signUp, birthDateValid, type SignUpInput, type SignUpResult } from './sign-up.ts'
/** Checks e-mail and password under the database-backed throttle and opens a NEW session (rotation). */
export { signIn, type SignInInput, type SignInResult } from './sign-in.ts'
/** Ends one session (sign out). */
export { signOut } from './sign-out.ts'
/** The customer behind a session token, sliding its 30-day expiry; null when unknown or expired. */
export { resolveSession, type ResolvedSession } from './resolve-session.ts'
/** Session lifetime in days. */
export { SESSION_DAYS } from './sessions.ts'
/** Deletes expired sessions, reset links and old attempts (periodic job). */
export { purgeExpiredSessions } from './purge-expired-sessions.ts'
/** E-mails a single-use, one-hour reset link; same answer whether the e-mail exists or not. */
export { requestPasswordReset, RESET_MINUTES, type RequestPasswordResetInput } from './request-password-reset.ts'
/** Sets a new password from a reset link, signing out every other session. */
export { resetPassword, checkPasswordResetToken, type ResetPasswordResult } from './reset-password.ts'
/** The signed-in customer's id (UNAUTHENTICATED otherwise) and an account by id (own account only for customers). */
export { getCustomer, requireCustomerId } from './get-customer.ts'
/** The signed-in customer's addresses and one of them (another customer's: NOT_FOUND). */
export { listAddresses, getAddress } from './list-addresses.ts'
/** Saves a new address (checked and normalised; the first is the default). */
export { addAddress, type SaveAddressResult } from './add-address.ts'
/** Changes one of the signed-in customer's addresses. */
export { updateAddress } from './update-address.ts'
/** Deletes one of the signed-in customer's addresses; the default moves to the oldest left. */
export { deleteAddress } from './delete-address.ts'
/** Address checks (pure): overseas departments stored as FR + postal code. */
export { normalizeAddress, overseasDepartmentOf, type NormalizedAddress } from './address-rules.ts'
/** Country codes accepted in addresses and the ones offered first. */
export { ISO_COUNTRIES, PREFERRED_COUNTRIES, OVERSEAS_DEPARTMENTS } from './countries.ts'
/** The password policy and its limits. */
export { passwordProblem, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, type PasswordProblem } from '../../kernel/password.ts'
/** Sign-in limits (per e-mail and per IP in a sliding window). */
export { THROTTLE } from './throttle.ts'
/** The jobs of this module. */
export { customersJobs } from './jobs.ts'
export type * from './types.ts'
