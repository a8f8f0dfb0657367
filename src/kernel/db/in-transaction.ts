import type { Ctx } from '../ctx.ts'

/**
 * Runs `fn` in the caller's transaction when ctx.db already is one (a flow spanning modules),
 * else in a new one. Inside, only the transaction is used: on the embedded database (one
 * connection) touching the outer db would wait forever.
 */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx)
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }))
}
