import type { Db } from '../../kernel/db/client.ts'
import type { Logger } from '../../kernel/log.ts'
import { insertEvents } from './insert-events.ts'
import type { EventRow } from './tables.ts'

export type EventQueueOptions = {
  /** write at least this often while events wait */
  flushMs?: number
  /** write at once when this many wait; also the size of one INSERT */
  batchSize?: number
  /** beyond this many waiting (database down), new events are dropped: the collector must never hold the shop's memory */
  maxQueued?: number
  log?: Logger | undefined
  /** the writer (tests replace it); default: one multi-row INSERT */
  write?: (rows: readonly EventRow[]) => Promise<number>
}

export type EventQueue = {
  /** queues rows; false when dropped because the queue is full */
  push: (rows: readonly EventRow[]) => boolean
  /** writes everything queued now (tests, shutdown) */
  flush: () => Promise<void>
  close: () => Promise<void>
  stats: () => { queued: number; written: number; dropped: number; failedBatches: number }
}

/**
 * The collector's write buffer: the HTTP answer never waits for the database. Rows are written in
 * multi-row INSERTs every `flushMs` or as soon as `batchSize` wait, one write at a time; a failed
 * batch is retried on the next flush twice, then dropped and counted (audience figures are
 * statistics: losing a batch is better than blocking the shop).
 */
export function createEventQueue(db: Db, opts: EventQueueOptions = {}): EventQueue {
  const flushMs = opts.flushMs ?? 200
  const batchSize = opts.batchSize ?? 500
  const maxQueued = opts.maxQueued ?? 50_000
  let queue: EventRow[] = []
  let written = 0
  let dropped = 0
  let failedBatches = 0
  let attempts = 0
  let writing: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | null = null
  let closed = false
  const write = opts.write ?? ((rows: readonly EventRow[]) => insertEvents(db, rows))

  const writeAll = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize)
      try {
        await write(batch)
        written += batch.length
        attempts = 0
        queue = queue.slice(batch.length)
      } catch (err) {
        attempts += 1
        opts.log?.warn({ err, attempts, size: batch.length }, 'analytics events not written')
        if (attempts < 3) {
          // retried a little later, never in a tight loop against a database that is down
          if (!closed && !timer) {
            timer = setTimeout(() => void flush(), flushMs * 5)
            timer.unref()
          }
          return
        }
        failedBatches += 1
        dropped += batch.length
        attempts = 0
        queue = queue.slice(batch.length)
      }
    }
  }
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = null
    writing = writing.then(writeAll)
    return writing
  }
  const schedule = () => {
    if (queue.length >= batchSize) void flush()
    else if (!timer && !closed) {
      timer = setTimeout(() => void flush(), flushMs)
      timer.unref()
    }
  }
  return {
    push: (rows) => {
      if (closed || queue.length + rows.length > maxQueued) {
        dropped += rows.length
        return false
      }
      for (const r of rows) queue.push(r)
      schedule()
      return true
    },
    flush,
    close: async () => {
      closed = true
      await flush()
    },
    stats: () => ({ queued: queue.length, written, dropped, failedBatches }),
  }
}
