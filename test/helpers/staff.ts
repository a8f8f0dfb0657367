import assert from 'node:assert/strict'
import type { App } from '../../src/http/app.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import { createStaff, type Role, type StaffMember } from '../../src/modules/staff/index.ts'
import { Browser } from '../http/account-helpers.ts'

export const STAFF_PASSWORD = 'mangrove et alizés 2026'

let counter = 0

/** A new member with these roles (unique e-mail per call). */
export async function addStaff(database: Database, roles: Role[], opts: { email?: string; name?: string } = {}): Promise<StaffMember> {
  counter++
  const email = opts.email ?? `${roles.join('-').replace(/_/g, '')}-${counter}-${Date.now()}@lakou.test`
  return createStaff(systemCtx(database.db, 'test'), { email, name: opts.name ?? `Membre ${counter}`, password: STAFF_PASSWORD, roles })
}

/** A browser signed in to the back office as this member (no second factor). */
export async function staffBrowser(app: App, member: Pick<StaffMember, 'email'>, ip = '127.0.0.1'): Promise<Browser> {
  const b = new Browser(app, ip)
  const res = await b.submit('/admin/connexion', { email: member.email, password: STAFF_PASSWORD })
  assert.equal(res.statusCode, 303, `sign-in of ${member.email} answered ${res.statusCode}: ${res.body.slice(0, 200)}`)
  assert.ok(b.cookies.has('lakou_staff'), 'the staff cookie is set')
  return b
}

/** Creates a member with the roles and returns a signed-in browser. */
export async function signedInStaff(app: App, database: Database, roles: Role[]): Promise<{ member: StaffMember; browser: Browser }> {
  const member = await addStaff(database, roles)
  return { member, browser: await staffBrowser(app, member) }
}
