import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { can, ROLES, type Role } from '../../src/modules/staff/index.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { Browser } from './account-helpers.ts'

// Every back-office route, for every role, against the one permission table (modules/staff/permissions.ts):
// a role the table allows gets past the guard (any answer but 401/403 or a bounce to sign-in), every
// other role gets 403 — and a visitor without a session never gets in.

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

/** Plausible but unknown ids for path parameters: allowed roles reach the handler and get 404 or 400. */
const SAMPLE: Record<string, string> = { id: 'zzz_00000000000000000000000000', number: 'LK-000000' }
const urlOf = (pattern: string) => pattern.replace(/:(\w+)/g, (_, name: string) => SAMPLE[name] ?? 'sample')

const denied = (res: { statusCode: number; headers: Record<string, unknown> }) =>
  res.statusCode === 403 || res.statusCode === 401 || (res.statusCode === 303 && String(res.headers.location).startsWith('/admin/connexion'))

test('the route list is complete: every back-office route declares a permission, and there are many', () => {
  assert.ok(t.app.adminRoutes.length >= 10, `found ${t.app.adminRoutes.length}`)
  for (const r of t.app.adminRoutes) assert.ok(r.permission, `${r.method} ${r.url}`)
})

test('a visitor without a session is refused on every non-public route', async () => {
  const b = new Browser(t.app, '10.8.0.1')
  await b.get('/admin/connexion') // a CSRF cookie and token, so POSTs are refused by the guard, not only by CSRF
  for (const r of t.app.adminRoutes.filter((x) => x.permission !== 'public')) {
    const res = r.method === 'GET' ? await b.get(urlOf(r.url)) : await b.post(urlOf(r.url), {})
    assert.ok(denied(res), `${r.method} ${r.url} answered ${res.statusCode} without a session`)
  }
})

test('every role × every route agrees with the permission table', async () => {
  const routes = t.app.adminRoutes.filter((r) => r.permission !== 'public' && r.permission !== 'second-factor')
  let checks = 0
  for (const role of ROLES) {
    const { browser } = await signedInStaff(t.app, t.database, [role as Role])
    await browser.get('/admin/roles')
    const csrf = browser.csrf
    for (const r of routes) {
      if (r.url === '/admin/deconnexion') continue
      const allowed = r.permission === 'signed-in' || can([role], r.permission as never)
      const url = urlOf(r.url)
      const res = r.method === 'GET' ? await browser.get(url) : await browser.post(url, {}, csrf)
      if (allowed) assert.ok(!denied(res), `${role} should reach ${r.method} ${r.url}, got ${res.statusCode}`)
      else assert.equal(res.statusCode, 403, `${role} must be refused ${r.method} ${r.url}, got ${res.statusCode}`)
      checks++
    }
  }
  assert.ok(checks >= ROLES.length * 8, `${checks} checks`)
})
