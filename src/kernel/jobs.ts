import { sql } from 'kysely'
import type { z } from 'zod'
import type { Db } from './db/client.ts'
import { systemCtx, type Ctx } from './ctx.ts'
import type { Logger } from './log.ts'

/**
 * Durable jobs in the database (table `jobs`, migration 0003): a job commits with the
 * write that wants it (enqueue with the transaction), survives crashes and restarts,
 * and is claimed by one worker at a time with FOR UPDATE SKIP LOCKED, so several
 * processes can share the queue. A claim lasts `lockSeconds`: a worker killed mid-job
 * leaves a claim that lapses, and the job runs again (handlers must be idempotent).
 */
export type JobDefinition<P = unknown> = {
  name: string
  payload: z.ZodType<P>
  handler: (ctx: Ctx, payload: P) => Promise<void>
  maxAttempts?: number
  /** delay before attempt n+1 is backoffSeconds × 2^(n-1), capped at one hour */
  backoffSeconds?: number
}

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def
}

type JobsTable = {
  id: number
  name: string
  payload: unknown
  unique_key: string | null
  run_at: Date
  attempts: number
  max_attempts: number
  locked_until: Date | null
  last_error: string | null
  done_at: Date | null
  failed_at: Date | null
  created_at: Date
}
const jobsDb = (db: Db) => db.withTables<{ jobs: JobsTable }>()

export type EnqueueInput = { name: string; payload?: unknown; runAt?: Date; uniqueKey?: string; maxAttempts?: number }

/** Adds a job; with a uniqueKey, does nothing while a job with that key is pending (returns false). */
export async function enqueueJob(db: Db, input: EnqueueInput): Promise<boolean> {
  const row = await jobsDb(db)
    .insertInto('jobs')
    .values({
      name: input.name,
      payload: JSON.stringify(input.payload ?? {}),
      run_at: input.runAt ?? new Date(),
      unique_key: input.uniqueKey ?? null,
      max_attempts: input.maxAttempts ?? 8,
    } as never)
    .onConflict((oc) => oc.column('unique_key').where('done_at', 'is', null).where('failed_at', 'is', null).where('unique_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

const registry = new Map<string, JobDefinition<never>>()

/** Makes job definitions runnable by this process (src/jobs/registry.ts calls it once). */
export function registerJobs(defs: readonly JobDefinition<never>[]): void {
  for (const d of defs) registry.set(d.name, d)
}

export type RunOptions = { now?: Date; limit?: number; log?: Logger | undefined; names?: readonly string[] }

/** Claims and runs the jobs due now, one after the other; returns how many ran. */
export async function runDueJobs(db: Db, opts: RunOptions = {}): Promise<number> {
  const names = opts.names ?? [...registry.keys()]
  if (names.length === 0) return 0
  const now = opts.now ?? new Date()
  const claimed = await sql<JobsTable>`
    UPDATE jobs SET attempts = attempts + 1, locked_until = ${now}::timestamptz + interval '5 minutes'
     WHERE id IN (SELECT id FROM jobs
                   WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= ${now}
                     AND (locked_until IS NULL OR locked_until < ${now})
                     AND name = ANY(${names as string[]})
                   ORDER BY run_at, id LIMIT ${opts.limit ?? 20}
                   FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db)
  for (const job of claimed.rows) await runOne(db, job, now, opts.log)
  return claimed.rows.length
}

async function runOne(db: Db, job: JobsTable, now: Date, log: Logger | undefined): Promise<void> {
  const def = registry.get(job.name)
  const jdb = jobsDb(db)
  try {
    if (!def) throw new Error(`no handler registered for job ${job.name}`)
    const payload = def.payload.parse(job.payload)
    await def.handler(systemCtx(db, `job:${job.name}`, { now }), payload as never)
    await jdb.updateTable('jobs').set({ done_at: new Date(), locked_until: null, last_error: null }).where('id', '=', job.id).execute()
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    const maxAttempts = Math.min(job.max_attempts, def?.maxAttempts ?? job.max_attempts)
    const giveUp = job.attempts >= maxAttempts
    const delay = Math.min(3600, (def?.backoffSeconds ?? 5) * 2 ** (job.attempts - 1))
    log?.warn({ job: job.name, id: job.id, attempt: job.attempts, giveUp, err: message }, 'job failed')
    await jdb
      .updateTable('jobs')
      .set(giveUp ? { failed_at: new Date(), locked_until: null, last_error: message } : { run_at: new Date(now.getTime() + delay * 1000), locked_until: null, last_error: message })
      .where('id', '=', job.id)
      .execute()
  }
}

export type Recurring = { name: string; everySeconds: number; payload?: unknown }

export type Worker = { stop: () => Promise<void> }

/**
 * Polls the queue in this process. Recurring jobs are rows too (one pending row per
 * name, re-enqueued by the worker after each run), so a sweep is never lost to a crash.
 */
export function startWorker(db: Db, opts: { pollMs?: number; recurring?: readonly Recurring[]; log?: Logger | undefined } = {}): Worker {
  let stopped = false
  let running: Promise<void> = Promise.resolve()
  // a recurring row is offered again only once its previous one ran, not on every poll
  const offeredAt = new Map<string, number>()
  const tick = async () => {
    for (const r of opts.recurring ?? []) {
      if (Date.now() - (offeredAt.get(r.name) ?? -Infinity) < r.everySeconds * 1000) continue
      const added = await enqueueJob(db, { name: r.name, payload: r.payload ?? {}, uniqueKey: `recurring:${r.name}`, runAt: new Date(Date.now() + r.everySeconds * 1000) })
      if (added) offeredAt.set(r.name, Date.now()) // else the previous row is still pending: try again next poll
    }
    while (!stopped && (await runDueJobs(db, { log: opts.log })) > 0) {
      /* drain what is due */
    }
  }
  const timer = setInterval(() => {
    running = running.then(tick).catch((err: unknown) => opts.log?.error({ err }, 'job worker tick failed'))
  }, opts.pollMs ?? 1000)
  timer.unref()
  return {
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
