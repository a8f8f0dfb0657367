import type { Ctx } from '../../kernel/ctx.ts'
import { customersDb } from './tables.ts'
import { hashToken, isWellFormedToken } from '../../kernel/tokens.ts'

/** Ends the session of this token (sign out); unknown tokens are ignored. */
export async function signOut(ctx: Ctx, input: { token: string | undefined }): Promise<void> {
  if (!isWellFormedToken(input.token)) return
  await customersDb(ctx.db).deleteFrom('customer_sessions').where('token_hash', '=', hashToken(input.token)).execute()
}
