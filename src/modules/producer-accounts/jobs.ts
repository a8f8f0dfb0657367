import { z } from 'zod'
import { defineJob, type JobDefinition } from '../../kernel/jobs.ts'
import { purgeProducerSessions } from './sessions.ts'

export const PURGE_PRODUCER_SESSIONS_JOB = 'producer-accounts.purge-sessions'

/** `producer-accounts.purge-sessions` v1 {}: deletes ended portal sessions and old sign-in failures (hourly). */
export const purgeProducerSessionsJob = defineJob({
  name: PURGE_PRODUCER_SESSIONS_JOB,
  payload: z.object({}).passthrough(),
  handler: async (ctx) => {
    await purgeProducerSessions(ctx)
  },
})

/** The jobs of the producer-accounts module. */
export const producerAccountJobs: JobDefinition<never>[] = [purgeProducerSessionsJob as unknown as JobDefinition<never>]
