// Public API of the producer-accounts module: the portal accounts of producers' staff, their
// sessions (carrying the producer, the scope of every portal query) and sign-in with lockout.

/** A new account (back office and `npm run producer-user:create`), with a generated password when none is given. */
export { createProducerUser, createProducerUserSchema, generatePassword, type CreateProducerUserInput } from './create-producer-user.ts'
/** A producer's accounts; deactivation ends the account's sessions. */
export { listProducerUsers, deactivateProducerUser } from './manage-producer-users.ts'
/** Password sign-in with lockout, then the session. */
export { signInProducer, PRODUCER_LOCKOUT, type ProducerSignInResult } from './sign-in-producer.ts'
/** Sessions: resolve the cookie, sign out, purge. */
export { resolveProducerSession, closeProducerSession, purgeProducerSessions, PRODUCER_SESSION_MS, PRODUCER_IDLE_MS } from './sessions.ts'
export type * from './types.ts'
/** Hourly clean-up of ended sessions. */
export { producerAccountJobs, PURGE_PRODUCER_SESSIONS_JOB } from './jobs.ts'
