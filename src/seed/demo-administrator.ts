import { randomBytes } from 'node:crypto'
import { systemCtx } from '../kernel/ctx.ts'
import type { Database } from '../kernel/db/client.ts'
import type { Logger } from '../kernel/log.ts'
import { createStaff, listStaff } from '../modules/staff/index.ts'

export const DEMO_ADMIN_EMAIL = 'admin@lakou.example'

/**
 * A demo market without any staff account gets one administrator with a random password,
 * printed once in the start-up log, so the back office can be tried at once. Real deployments
 * create their accounts with `npm run staff:create` (a known default password is never used).
 */
export async function ensureDemoAdministrator(database: Database, log: Logger): Promise<void> {
  const ctx = systemCtx(database.db, 'seed:demo-administrator')
  if ((await listStaff(ctx)).length) return
  const password = `lakou-${randomBytes(12).toString('base64url')}`
  await createStaff(ctx, { email: DEMO_ADMIN_EMAIL, name: 'Administrateur démo', password, roles: ['administrator'] })
  log.warn({ email: DEMO_ADMIN_EMAIL, password }, `back office: sign in at /admin as ${DEMO_ADMIN_EMAIL} with the password ${password} (shown once; add members from the "Équipe" page or with npm run staff:create)`)
}
