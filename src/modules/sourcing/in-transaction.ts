import type { Ctx } from '../../kernel/ctx.ts'

/** Runs `fn` in the caller's transaction when ctx.db is one, else in a new one (catalog/in-transaction.ts pattern). */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx)
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }))
}
