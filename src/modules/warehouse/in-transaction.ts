import type { Ctx } from '../../kernel/ctx.ts'

/** Runs `fn` in the caller's transaction, or a new one (same rule as catalog/in-transaction.ts). */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx)
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }))
}
