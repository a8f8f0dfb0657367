import { z } from 'zod'
import { defineJob, type JobDefinition } from '../../kernel/jobs.ts'
import { purgeAnalytics } from './purge.ts'
import { rollUpEvents } from './rollup.ts'

export const ANALYTICS_ROLLUP_JOB = 'analytics.roll-up'
export const ANALYTICS_ROLLUP_EVERY_SECONDS = 60

/** Every minute: new events into sessions and daily KPI rows, then the retention purge. */
export const analyticsJobs: JobDefinition<never>[] = [
  defineJob({
    name: ANALYTICS_ROLLUP_JOB,
    payload: z.object({}).passthrough(),
    maxAttempts: 3,
    handler: async (ctx) => {
      await rollUpEvents(ctx)
      await purgeAnalytics(ctx)
    },
  }) as unknown as JobDefinition<never>,
]
