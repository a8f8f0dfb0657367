import { z } from 'zod'
import { defineJob, type JobDefinition } from '../../kernel/jobs.ts'
import { purgeExpiredSessions } from './purge-expired-sessions.ts'

/**
 * `customers.purge-expired-sessions` v1 {}: deletes expired sessions, old reset links and old
 * sign-in attempts. Expired rows are already refused by every query, so this only keeps the
 * tables small: run it as a recurring job (e.g. every hour).
 */
export const purgeExpiredSessionsJob = defineJob({
  name: 'customers.purge-expired-sessions',
  payload: z.object({}).passthrough(),
  handler: async (ctx) => {
    await purgeExpiredSessions(ctx)
  },
})

/** The jobs of the customers module. */
export const customersJobs: JobDefinition<never>[] = [purgeExpiredSessionsJob as unknown as JobDefinition<never>]
