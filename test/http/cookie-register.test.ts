import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { orderAccessToken } from '../../src/modules/orders/index.ts'
import { COOKIE_REGISTER, lifetimeText } from '../../src/web/storefront/cookie-register.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { Browser, signUpAs, textOf } from './account-helpers.ts'

// The cookies page lists every cookie Lakou sets (found in the code, and seen in answers), with its
// purpose, lifetime and whether consent is needed; the guest's confirmation links to the order's page.

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t?.close())

const registered = new Map(COOKIE_REGISTER.map((c) => [c.name, c]))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name)
    if (d.isDirectory()) return sourceFiles(p)
    return /\.(ts|tsx|js)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : []
  })
}

/** The names the code writes: Set-Cookie by name constant or literal, document.cookie, browser storage. */
function namesSetInCode(): Set<string> {
  const files = sourceFiles(join(import.meta.dirname, '../../src')).map((f) => readFileSync(f, 'utf8'))
  // constant name → its values anywhere (two modules may both call theirs SESSION_COOKIE: keep both)
  const constants = new Map<string, Set<string>>()
  for (const src of files) for (const m of src.matchAll(/const (\w+) = '([a-z][a-z0-9_]*)'/g)) constants.set(m[1]!, (constants.get(m[1]!) ?? new Set()).add(m[2]!))
  const names = new Set<string>()
  for (const src of files) {
    for (const m of src.matchAll(/setCookie\(\s*(?:'([^']+)'|([A-Za-z_]\w*))/g)) {
      const found = m[1] ? [m[1]] : [...(constants.get(m[2]!) ?? [])]
      assert.ok(found.length, `setCookie(${m[2]}) with a name this test can resolve`)
      for (const name of found) names.add(name)
    }
    for (const m of src.matchAll(/document\.cookie\s*=\s*[`'"]([a-z][a-z0-9_]*)=/g)) names.add(m[1]!)
    for (const m of src.matchAll(/(?:sessionStorage|localStorage)\.setItem\(\s*'([^']+)'/g)) names.add(m[1]!)
  }
  return names
}

test('every cookie the code sets is in the register, and the register lists nothing the code no longer sets', () => {
  const inCode = namesSetInCode()
  assert.ok(inCode.size >= 10, `found ${[...inCode].join(', ')}`)
  for (const name of inCode) assert.ok(registered.has(name), `${name} is set by the code but missing from cookie-register.ts`)
  for (const name of registered.keys()) assert.ok(inCode.has(name), `${name} is listed but nothing sets it`)
})

test('the cookies the app answers with are registered with their real lifetime; the cookies and privacy pages list every one', async () => {
  const seen = new Map<string, { maxAge?: number; expires?: Date }>()
  const b = new Browser(t.app, '198.51.100.60')
  const watch = async (res: Promise<Awaited<ReturnType<Browser['get']>>>) => {
    const r = await res
    for (const c of r.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) if (c.value) seen.set(c.name, c)
    return r
  }
  await watch(b.get('/fr/'))
  await watch(b.post('/consent', { choice: 'granted', back: '/fr/' }))
  await watch(b.post('/market', { market: 'GP', back: '/fr/' }))
  const variant = await sql<{ id: string }>`SELECT id FROM product_variants WHERE sku = 'CHN-CAF-GR-250'`.execute(t.database.db)
  await watch(b.get('/fr/panier'))
  await watch(b.post('/fr/panier/ajouter', { variantId: variant.rows[0]!.id, quantity: '1' }))
  await signUpAs(b, 'cookies@example.com')
  await watch(b.get('/fr/compte'))
  for (const name of ['lakou_csrf', 'lakou_consent', 'lakou_vid', 'lakou_market', 'lakou_cart', 'lakou_cart_units']) assert.ok(seen.has(name), `the journey sets ${name}`)
  assert.ok(b.cookies.has('lakou_session'), 'signing up opens a session')
  for (const [name, c] of seen) {
    const entry = registered.get(name)
    assert.ok(entry, `${name} answered by the app but not registered`)
    if (c.maxAge !== undefined) assert.equal(c.maxAge, entry.maxAgeSeconds, `${name}: the listed lifetime is the real one`)
  }

  for (const [locale, path, privacy] of [['fr', '/fr/cookies', '/fr/legal/privacy'], ['en', '/en/cookies', '/en/legal/privacy']] as const) {
    const page = await t.app.inject({ method: 'GET', url: path })
    assert.equal(page.statusCode, 200)
    for (const c of COOKIE_REGISTER) {
      const row = new RegExp(`<tr data-cookie="${c.name}">([\\s\\S]*?)</tr>`).exec(page.body)
      assert.ok(row, `${path} lists ${c.name}`)
      const text = textOf(row[1]!)
      assert.ok(text.includes(lifetimeText(locale, c)), `${c.name}: its lifetime on ${path}`)
      assert.match(text, c.needsConsent ? /Oui|Yes/ : /Non|No:/)
    }
    const policy = textOf((await t.app.inject({ method: 'GET', url: privacy })).body)
    for (const c of COOKIE_REGISTER) assert.ok(policy.includes(c.name), `${privacy} names ${c.name}`)
  }
  assert.match(textOf((await t.app.inject({ method: 'GET', url: '/fr/cookies' })).body), /lakou_vid .*13 mois.*Oui : seulement si vous acceptez/)
})

test('the guest’s order confirmation links to the order’s signed page, which opens; a wrong link still opens nothing', async () => {
  const order = await paidOrder(t.database.db)
  const token = orderAccessToken(t.config.appSecret, order.orderId)
  for (const [confirmation, orderPath] of [[`/fr/commande/${order.orderId}/confirmation`, `/fr/commandes/${order.orderId}`], [`/en/checkout/${order.orderId}/confirmation`, `/en/orders/${order.orderId}`]]) {
    const page = await new Browser(t.app).get(`${confirmation}?t=${token}`)
    assert.equal(page.statusCode, 200)
    const link = /<a href="([^"]+)" data-order-link(?:="")?>([^<]+)<\/a>/.exec(page.body)
    assert.ok(link, 'the confirmation has a link to the order page')
    assert.equal(link[1], `${orderPath}?t=${token}`)
    assert.match(link[2]!, /Suivre ma commande|Follow my order/)
    const followed = await new Browser(t.app).get(link[1]!.replace(/&amp;/g, '&'))
    assert.equal(followed.statusCode, 200)
    assert.match(textOf(followed.body), new RegExp(order.number))
  }
  assert.equal((await new Browser(t.app).get(`/fr/commandes/${order.orderId}?t=${token}x`)).statusCode, 404)
  const signedOut = await new Browser(t.app).get(`/fr/commandes/${order.orderId}`)
  assert.equal(signedOut.statusCode, 404, 'without the link the order stays private')
})
