import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import type { Database } from '../../src/kernel/db/client.ts'
import { releaseExpiredOrders } from '../../src/flows/release-expired-orders.ts'
import { sharedTestDatabase, type SharedTestDatabase } from '../helpers/test-db.ts'
import { PARIS, readyCart, shopperCtx, testCheckoutDeps, variantIdBySku } from '../builders/checkout.ts'
import { leaveOnlyUnits, stockInvariantsHold } from './stock-checks.ts'

const WORKER = path.join(import.meta.dirname, 'fixtures', 'checkout-worker.ts')

function startWorker(shared: SharedTestDatabase, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { env: { ...process.env, ...shared.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: { i: number; ok: boolean; code: string }[] = []
  let buffer = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString()
    let nl
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl)
      buffer = buffer.slice(nl + 1)
      if (line.startsWith('{')) lines.push(JSON.parse(line))
    }
  })
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, lines, exited, stderr: () => stderr }
}

let shared: SharedTestDatabase
before(async () => {
  shared = await sharedTestDatabase()
})
after(async () => shared.dispose())

test('two processes on one PostgreSQL race for the last 5 units: exactly 5 orders', { skip: !process.env.DATABASE_URL && 'one PGlite folder belongs to one process by design (lock file)' }, async () => {
  const database = await shared.open()
  const ctx = shopperCtx(database.db)
  const variantId = await variantIdBySku(database.db, 'ACS-RHV-VSOP-070')
  await leaveOnlyUnits(database.db, variantId, 'FR-HUB', 5)
  const files: string[] = []
  for (let p = 0; p < 2; p++) {
    const ids = []
    for (let i = 0; i < 100; i++) ids.push((await readyCart(ctx, { market: 'FR-MAINLAND', lines: [['ACS-RHV-VSOP-070', 1]], shipTo: PARIS, email: `p${p}-${i}@example.com` })).id)
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-carts-')), 'carts.json')
    fs.writeFileSync(f, JSON.stringify(ids))
    files.push(f)
  }
  await database.close()
  const workers = files.map((f) => startWorker(shared, [f, '0', '20']))
  const codes = await Promise.all(workers.map((w) => w.exited))
  assert.deepEqual(codes, [0, 0], workers.map((w) => w.stderr()).join('\n'))
  const all = workers.flatMap((w) => w.lines)
  assert.equal(all.length, 200)
  assert.equal(all.filter((l) => l.ok).length, 5)
  assert.ok(all.filter((l) => !l.ok).every((l) => l.code === 'CHECKOUT_OUT_OF_STOCK'))
  const check = await shared.open()
  try {
    assert.ok(await stockInvariantsHold(check.db))
  } finally {
    await check.close()
  }
})

test('SIGKILL in the middle of checkouts, restart: no half-written order, no stuck hold once expiry ran, every paid order allocated', async () => {
  const worker = startWorker(shared, ['-', '400', '6'])
  const deadline = Date.now() + 120_000
  while (worker.lines.length < 25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  assert.ok(worker.lines.length >= 25, `the worker placed orders before the kill: ${worker.stderr()}`)
  worker.child.kill('SIGKILL')
  await worker.exited
  let database: Database | null = null
  try {
    database = await shared.open()
    const db = database.db
    const orphans = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)`.execute(db)
    assert.equal(orphans.rows[0]!.n, 0, 'an order is written with its lines or not at all')
    const converted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM carts c WHERE c.order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = c.order_id)`.execute(db)
    assert.equal(converted.rows[0]!.n, 0)
    assert.ok(await stockInvariantsHold(db), 'ledger, levels and holds agree right after the crash')
    // restart: the expiry sweep runs once holds have lapsed (pending card payments keep theirs an hour)
    const later = shopperCtx(db, { now: new Date(Date.now() + 2 * 3600_000) })
    await releaseExpiredOrders(later, testCheckoutDeps(db))
    const held = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stock_reservations WHERE status = 'HELD'`.execute(db)
    assert.equal(held.rows[0]!.n, 0, 'no stuck hold')
    const unpaidWithCapture = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM orders o WHERE o.status IN ('placed', 'awaiting_payment')
         AND EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.status = 'CAPTURED')`.execute(db)
    assert.equal(unpaidWithCapture.rows[0]!.n, 0, 'a captured payment always ends in a paid order')
    assert.ok(await stockInvariantsHold(db), 'every paid order has its stock allocated')
  } finally {
    await database?.close()
  }
})
