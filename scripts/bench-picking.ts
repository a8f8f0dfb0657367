// `npm run bench:picking -- [--orders 1000]`
//
// Pick-list generation at scale (issue 6's target: one pick list for 1,000 paid orders in under
// 2 s on a real PostgreSQL). A throwaway database on DATABASE_URL's server (or a throwaway server
// from scripts/ci/start-postgres.sh) gets the demo market, N bench orders (generateOrders, no
// stock) made paid from GP-JARRY, and their stock by SQL: per variant a late lot holding the
// allocations and an earlier lot with free units, so FEFO at pick time moves allocations too.
// Then createPickList({ oldest: N }) is timed in its transaction; the ledger is checked after.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { generateOrders } from '../src/cli/generate-orders.ts'
import { systemCtx } from '../src/kernel/ctx.ts'
import { openDatabase } from '../src/kernel/db/client.ts'
import { migrateToLatest } from '../src/kernel/db/migrate.ts'
import { checkStockLedger } from '../src/modules/inventory/index.ts'
import { createPickList } from '../src/modules/warehouse/index.ts'
import { seedDemoMarket } from '../src/seed/seed-demo-market.ts'

const { values: args } = parseArgs({ options: { orders: { type: 'string', default: '1000' } } })
const N = Math.max(1, Number(args.orders))
const TARGET_MS = 2000
const WAREHOUSE = 'GP-JARRY'

async function admin(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(text)
  } finally {
    await c.end()
  }
}

/** N paid orders from GP-JARRY, each unit allocated on a late lot; an earlier lot per variant keeps free units. */
const STOCK_SQL = (n: number) => `
  WITH chosen AS (SELECT id FROM orders ORDER BY placed_at LIMIT ${n})
  UPDATE orders SET status = 'paid', paid_at = placed_at WHERE id IN (SELECT id FROM chosen);
  DELETE FROM orders WHERE status <> 'paid';
  UPDATE order_lines SET warehouse_code = '${WAREHOUSE}', made_to_order = false;
  INSERT INTO lots (id, variant_id, warehouse_code, lot_code, best_before, location)
    SELECT 'lot_bench_late_' || v.variant_id, v.variant_id, '${WAREHOUSE}', 'BENCH-LATE', CURRENT_DATE + 400,
           chr(65 + (abs(hashtext(v.variant_id)) % 6)) || '-' || lpad((1 + abs(hashtext(v.variant_id)) % 40)::text, 2, '0') || '-' || (1 + abs(hashtext(v.variant_id)) % 4)
      FROM (SELECT DISTINCT variant_id FROM order_lines) v
    UNION ALL
    SELECT 'lot_bench_early_' || v.variant_id, v.variant_id, '${WAREHOUSE}', 'BENCH-EARLY', CURRENT_DATE + 60,
           chr(65 + (abs(hashtext(v.variant_id || 'e')) % 6)) || '-' || lpad((1 + abs(hashtext(v.variant_id || 'e')) % 40)::text, 2, '0') || '-1'
      FROM (SELECT DISTINCT variant_id FROM order_lines) v;
  INSERT INTO stock_movements (lot_id, quantity, reason, reference)
    SELECT 'lot_bench_late_' || variant_id, SUM(quantity) + 10, 'RECEIPT', 'bench' FROM order_lines GROUP BY variant_id
    UNION ALL SELECT 'lot_bench_early_' || variant_id, GREATEST(SUM(quantity) / 3, 1), 'RECEIPT', 'bench' FROM order_lines GROUP BY variant_id;
  INSERT INTO stock_reservations (id, order_id, order_line_id, variant_id, lot_id, quantity, status)
    SELECT 'res_bench_' || l.id, l.order_id, l.id, l.variant_id, 'lot_bench_late_' || l.variant_id, l.quantity, 'ALLOCATED' FROM order_lines l;
  INSERT INTO stock_movements (lot_id, quantity, allocated_delta, reason, reference)
    SELECT 'lot_bench_late_' || variant_id, 0, SUM(quantity), 'ALLOCATE', 'bench' FROM order_lines GROUP BY variant_id;`

// A server of our own (not scripts/ci/start-postgres.sh, whose shared /tmp/lakou-pg.last another
// process may stop or overwrite meanwhile): same settings, a private folder, stopped at the end.
const PGBIN = () => {
  const root = '/usr/lib/postgresql'
  const version = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined
  if (!version) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql), or set DATABASE_URL')
  return path.join(root, version, 'bin')
}
const asPostgres = (cmd: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', path.join(PGBIN(), cmd), ...args], { stdio: 'ignore' })

function startPrivatePostgres(): { dir: string; url: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-bench-pg-'))
  execFileSync('chown', ['postgres:postgres', dir])
  const port = 20000 + Math.floor(Math.random() * 20000)
  asPostgres('initdb', ['-D', `${dir}/data`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  asPostgres('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/server.log`, '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c log_min_duration_statement=${process.env.BENCH_LOG_MS ?? -1}`, 'start'])
  return { dir, url: `postgres://postgres@127.0.0.1:${port}/postgres` }
}

function stopPrivatePostgres(dir: string): void {
  try {
    if (process.env.BENCH_LOG_MS) console.log(fs.readFileSync(`${dir}/server.log`, 'utf8').split('\n').filter((l) => l.includes('duration')).map((l) => l.slice(0, 300)).join('\n'))
    asPostgres('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop'])
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  let server: { dir: string; url: string } | null = null
  let adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    server = startPrivatePostgres()
    adminUrl = server.url
  }
  const name = `lakou_bench_picking_${Date.now().toString(36)}`
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString()
  try {
    await admin(adminUrl, `create database ${name}`)
    const database = await openDatabase({ databaseUrl: url, poolMax: 2 })
    try {
      await migrateToLatest(database.db)
      await seedDemoMarket(database, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-bench-')), now: new Date(), images: false })
      await generateOrders(database, { orders: N, documents: false, days: 20 })
      await admin(url, STOCK_SQL(N))
      await admin(url, 'VACUUM ANALYZE')
      const ctx = systemCtx(database.db, 'bench-picking')
      const t0 = performance.now()
      const r = await database.db.transaction().execute((trx) => createPickList({ ...ctx, db: trx }, { warehouse: WAREHOUSE, oldest: N }))
      const ms = Math.round(performance.now() - t0)
      const bad = await checkStockLedger(database.db)
      console.log(`pick list ${r.number}: ${r.orders} orders, ${r.lines} lines, ${r.swapped} allocations moved by FEFO — ${ms} ms (target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'ok' : 'MISSED'}); ledger ${bad.length ? `${bad.length} MISMATCHES` : 'consistent'}`)
      if (ms >= TARGET_MS || bad.length) process.exitCode = 1
    } finally {
      await database.close()
    }
  } finally {
    await admin(adminUrl, `drop database if exists ${name} with (force)`).catch(() => undefined)
    if (server) stopPrivatePostgres(server.dir)
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
