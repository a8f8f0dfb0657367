import { z } from 'zod'
import { defineJob, type JobDefinition } from '../../kernel/jobs.ts'
import { purgeStaffSessions } from './sessions.ts'

export const PURGE_STAFF_SESSIONS_JOB = 'staff.purge-sessions'

/** `staff.purge-sessions` v1 {}: deletes ended back-office sessions and old sign-in failures (hourly). */
export const purgeStaffSessionsJob = defineJob({
  name: PURGE_STAFF_SESSIONS_JOB,
  payload: z.object({}).passthrough(),
  handler: async (ctx) => {
    await purgeStaffSessions(ctx)
  },
})

/** The jobs of the staff module. */
export const staffJobs: JobDefinition<never>[] = [purgeStaffSessionsJob as unknown as JobDefinition<never>]
