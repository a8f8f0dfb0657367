// `npx tsx scripts/bench-checkout-trace.ts [--verbose] [--runs 3] [--sql 'DROP INDEX …']` (DATABASE_URL → PostgreSQL, else PGlite)
//
// Database round trips of one complete checkout, step by step, as scripts/bench-checkout.ts does it
// through the Store API: cart → add line → address → shipping → order + payment, then the jobs it
// leaves (the test provider's webhooks, each delivered twice, and the confirmation e-mail).
// Counts every query a `pg` client sends (BEGIN and COMMIT included) after a few warm-up checkouts,
// so the caches are as warm as in a long bench run. --verbose prints the statements.
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { sql } from 'kysely'
import { runDueJobs } from '../src/kernel/jobs.ts'
import { SEND_EMAIL_JOB } from '../src/modules/notifications/index.ts'
import { testApp } from '../test/helpers/test-app.ts'

const { values: args } = parseArgs({ options: { verbose: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' }, sql: { type: 'string' } } })

let phase = 'setup'
const seen = new Map<string, string[]>()
const clientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }
const original = clientProto.query
clientProto.query = function (this: unknown, ...a: unknown[]) {
  const first = a[0]
  const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '?'
  const list = seen.get(phase) ?? []
  list.push(text.replace(/\s+/g, ' ').slice(0, 160))
  seen.set(phase, list)
  return original.apply(this, a)
}

const t = await testApp({ env: { PAGE_CACHE_SECONDS: '10' } })
const variants = (await sql<{ id: string }>`
  SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
   WHERE p.shipping_class_code = 'AMBIENT' AND NOT v.b2b_only AND NOT v.made_to_order AND p.status = 'ACTIVE' AND v.components IS NULL
   ORDER BY v.sku LIMIT 5`.execute(t.database.db)).rows.map((r) => r.id)
await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference) SELECT lot_id, 100000, 'RECEIPT', 'trace' FROM stock_levels`.execute(t.database.db)
// --sql: a statement run before tracing (e.g. drop an index to see what it costs)
if (args.sql) await sql.raw(args.sql).execute(t.database.db)

const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', holderName: 'Bench Shopper' }
const address = { name: 'Bench Shopper', line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' }

// CPU of this process per phase (app and driver; the database server is another process)
const cpu = new Map<string, number>()
let cpuMark = process.cpuUsage()
function enter(name: string) {
  const now = process.cpuUsage()
  cpu.set(phase, (cpu.get(phase) ?? 0) + (now.user - cpuMark.user + now.system - cpuMark.system) / 1000)
  cpuMark = now
  phase = name
}

async function call(name: string, method: 'POST' | 'PATCH', url: string, token: string | null, payload: unknown) {
  enter(name)
  const res = await t.app.inject({ method, url, headers: token ? { 'x-cart-token': token } : {}, payload: payload as object })
  if (res.statusCode >= 300) throw new Error(`${name}: ${res.statusCode} ${res.body}`)
  return res.json()
}

async function checkout(n: number) {
  const cart = await call('cart', 'POST', '/api/store/carts', null, { market: 'FR-MAINLAND' })
  const id = cart.quote.cartId
  await call('add line', 'POST', `/api/store/carts/${id}/lines`, cart.token, { variantId: variants[n % variants.length], quantity: 1 + (n % 3) })
  const a = await call('address', 'PATCH', `/api/store/carts/${id}/checkout`, cart.token, { email: `trace${n}@example.com`, shipTo: address })
  await call('shipping', 'PATCH', `/api/store/carts/${id}/checkout`, cart.token, { shippingMethodCode: a.quote.shippingOptions[0].methodCode })
  const o = await call('order + payment', 'POST', `/api/store/carts/${id}/order`, cart.token, { idempotencyKey: randomUUID(), paymentMethod: 'card', card, acceptTerms: true })
  if (o.status !== 'paid') throw new Error(`order ended ${o.status}`)
  // the worker's work: webhooks (delivered back through inject), e-mails
  enter('jobs')
  const far = new Date(Date.now() + 3_600_000)
  while ((await runDueJobs(t.database.db, { now: far, names: ['payments.deliver-test-webhook', SEND_EMAIL_JOB] })) > 0) {
    /* drain */
  }
}

// the test provider POSTs its webhooks to PUBLIC_URL: route them into this app instead of the network
const realFetch = globalThis.fetch
globalThis.fetch = (async (input: string | URL, init?: RequestInit) => {
  const url = new URL(String(input))
  const res = await t.app.inject({ method: 'POST', url: url.pathname, payload: String(init?.body ?? ''), headers: Object.fromEntries(Object.entries(init?.headers ?? {})) as Record<string, string> })
  return new Response(res.body, { status: res.statusCode })
}) as typeof fetch

try {
  for (let i = 0; i < 3; i++) await checkout(i)
  const runs = Number(args.runs)
  const totals = new Map<string, number>()
  for (let i = 0; i < runs; i++) {
    seen.clear()
    if (i === 0) cpu.clear()
    await checkout(100 + i)
    enter('idle')
    for (const [k, v] of seen) totals.set(k, (totals.get(k) ?? 0) + v.length)
    if (args.verbose && i === runs - 1) for (const [k, v] of seen) console.log(`\n== ${k} (${v.length})\n${v.map((s) => `  ${s}`).join('\n')}`)
  }
  console.log(`\n${t.database.kind}: per checkout (mean of ${runs})   round trips   CPU ms (this process)`)
  let sum = 0
  let cpuSum = 0
  for (const [k, v] of totals) {
    const ms = (cpu.get(k) ?? 0) / runs
    console.log(`${k.padEnd(16)} ${(v / runs).toFixed(1).padStart(6)} ${ms.toFixed(1).padStart(14)}`)
    sum += v / runs
    cpuSum += ms
  }
  console.log(`${'total'.padEnd(16)} ${sum.toFixed(1).padStart(6)} ${cpuSum.toFixed(1).padStart(14)}`)
} finally {
  globalThis.fetch = realFetch
  await t.close()
}
