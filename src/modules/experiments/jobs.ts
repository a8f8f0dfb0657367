import { z } from 'zod'
import { defineJob, type JobDefinition } from '../../kernel/jobs.ts'
import { refreshExperimentVisitors } from './refresh-visitors.ts'

export const EXPERIMENTS_REFRESH_JOB = 'experiments.refresh-visitors'
export const EXPERIMENTS_REFRESH_EVERY_SECONDS = 60

/** Every minute: new exposures and outcomes into experiment_visitors and experiment_daily (a page load rolls up one small batch at most). */
export const experimentJobs: JobDefinition<never>[] = [
  defineJob({
    name: EXPERIMENTS_REFRESH_JOB,
    payload: z.object({}).passthrough(),
    maxAttempts: 3,
    handler: async (ctx) => {
      await refreshExperimentVisitors(ctx)
    },
  }) as unknown as JobDefinition<never>,
]
