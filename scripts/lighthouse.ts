// `npm run lighthouse -- [--runs 3]`
//
// Lighthouse mobile scores of the storefront, in Debian's Chromium: starts Lakou on a free loopback
// port with the demo market (PGlite in a temp folder, pictures drawn), then audits the home,
// a category, a product and a search page `--runs` times each with Lighthouse's default mobile
// profile (Moto G Power emulation, simulated slow 4G), and prints the median score of each
// category and the compressed JavaScript each page loads. JSON reports: bench-results/lighthouse/.
import { createLogger } from '../src/kernel/log.ts'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import lighthouse from 'lighthouse'
import { sql } from 'kysely'
import { buildApp } from '../src/http/app.ts'
import { loadConfig, PROJECT_ROOT } from '../src/kernel/config.ts'
import { migrateToLatest } from '../src/kernel/db/migrate.ts'
import { openConfiguredDatabase } from '../src/kernel/db/open-from-config.ts'
import { seedDemoMarket } from '../src/seed/seed-demo-market.ts'
import { freePort } from './lib/free-port.ts'

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, chromium: { type: 'string', default: '/usr/bin/chromium' } } })
const RUNS = Math.min(9, Math.max(1, Number(args.runs)))
const OUT_DIR = path.join(PROJECT_ROOT, 'bench-results', 'lighthouse')
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!


/** Chromium with remote debugging on a free port; resolves once its DevTools endpoint answers. */
async function launchChromium(): Promise<{ port: number; child: ChildProcess; profile: string }> {
  const port = await freePort()
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-lh-chrome-'))
  const child = spawn(args.chromium!, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1',
    `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: 'ignore' })
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`chromium exited with ${child.exitCode}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`)
      if (res.ok) return { port, child, profile }
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error('chromium did not open its debugging port within 20 s')
}

async function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-lh-'))
  const config = loadConfig({ LAKOU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(await freePort()) })
  const database = await openConfiguredDatabase(config)
  let chrome: Awaited<ReturnType<typeof launchChromium>> | null = null
  try {
    await migrateToLatest(database.db)
    const t0 = performance.now()
    await seedDemoMarket(database, { dataDir, images: true })
    console.log(`demo market seeded with pictures in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    const app = await buildApp(config, { database, logger: createLogger('error') })
    const base = await app.listen({ port: config.port, host: '127.0.0.1' })
    const product = await sql<{ slug_fr: string }>`select slug_fr from products where featured order by created_at desc limit 1`.execute(database.db)
    const category = await sql<{ path: string }>`
      select parent.slug_fr || '/' || c.slug_fr as path from categories c join categories parent on parent.id = c.parent_id
       order by (select count(*) from products p where p.category_id = c.id) desc, c.code limit 1`.execute(database.db)
    const checkout = await checkoutPages(base, database)
    const pages: Record<string, string> = {
      home: '/fr/',
      category: `/fr/c/${category.rows[0]!.path}`,
      product: `/fr/p/${product.rows[0]!.slug_fr}`,
      search: '/fr/search?q=rhum',
      cart: '/fr/panier',
      'checkout address': '/fr/commande/adresse',
      'checkout shipping': '/fr/commande/livraison',
      'checkout payment': '/fr/commande/paiement',
      order: checkout.orderPath,
    }
    // the cart and checkout pages belong to a shopper: their cart cookie travels with every request
    const headers = { Cookie: `lakou_cart=${checkout.cartToken}` }
    chrome = await launchChromium()
    const summary: Record<string, Record<string, number | string>> = {}
    for (const [name, p] of Object.entries(pages)) {
      const url = base + p
      const head = await fetch(url, { headers })
      if (head.status !== 200) {
        console.log(`skip ${name}: ${p} answered ${head.status}`)
        summary[name] = { url: p, skipped: `HTTP ${head.status}` }
        continue
      }
      const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]))
      const js: number[] = []
      const lcp: number[] = []
      for (let run = 1; run <= RUNS; run++) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], extraHeaders: headers })
        if (!result) throw new Error(`lighthouse returned nothing for ${url}`)
        const lhr = result.lhr
        if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
        for (const c of CATEGORIES) scores[c]!.push(Math.round((lhr.categories[c]?.score ?? 0) * 100))
        const requests = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? []
        js.push(requests.filter((r) => r.resourceType === 'Script').reduce((s, r) => s + (r.transferSize ?? 0), 0))
        lcp.push(Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0))
        fs.writeFileSync(path.join(OUT_DIR, `${name}-${run}.json`), typeof result.report === 'string' ? result.report : result.report.join('\n'))
      }
      summary[name] = { url: p, ...Object.fromEntries(CATEGORIES.map((c) => [c, median(scores[c]!)])), jsBytes: median(js), lcpMs: median(lcp) }
      console.log(name, JSON.stringify(summary[name]))
    }
    console.log(`\nLighthouse ${RUNS} run(s) per page, mobile profile, medians (target: ≥ 95 in every category, ≤ 30 KB of JS)\n`)
    const head = ['page', ...CATEGORIES, 'JS bytes (compressed)', 'LCP ms', 'url']
    const rows = Object.entries(summary).map(([name, s]) => [name, ...CATEGORIES.map((c) => String(s[c] ?? '–')), String(s.jsBytes ?? '–'), String(s.lcpMs ?? '–'), String(s.skipped ? `${s.url} (${s.skipped})` : s.url)])
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    for (const r of [head, ...rows]) console.log(r.map((v, i) => v.padEnd(widths[i]!)).join('  '))
    fs.writeFileSync(path.join(OUT_DIR, 'summary.json'), JSON.stringify({ at: new Date().toISOString(), runs: RUNS, pages: summary }, null, 2))
    console.log(`\nreports in ${path.relative(PROJECT_ROOT, OUT_DIR)}/`)
    await app.close()
  } finally {
    if (chrome) {
      chrome.child.kill('SIGTERM')
      await sleep(300)
      fs.rmSync(chrome.profile, { recursive: true, force: true })
    }
    await database.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** A cart ready to pay (rum, coffee, Paris, first shipping option) and a paid order, made through the Store API. */
async function checkoutPages(base: string, database: Awaited<ReturnType<typeof openConfiguredDatabase>>): Promise<{ cartToken: string; orderPath: string }> {
  const api = async (method: string, url: string, token: string | null, body: unknown) => {
    const res = await fetch(base + url, { method, headers: { 'content-type': 'application/json', ...(token ? { 'x-cart-token': token } : {}) }, body: JSON.stringify(body) })
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
    return res.json() as Promise<{ token: string; quote: { cartId: string; shippingOptions: { methodCode: string }[] }; orderId?: string; accessToken?: string }>
  }
  const variants = await sql<{ id: string }>`select id from product_variants where sku in ('ACS-RHB50-100', 'CHN-CAF-GR-250') order by sku`.execute(database.db)
  const ready = async () => {
    const cart = await api('POST', '/api/store/carts', null, { market: 'FR-MAINLAND' })
    const id = cart.quote.cartId
    for (const v of variants.rows) await api('POST', `/api/store/carts/${id}/lines`, cart.token, { variantId: v.id, quantity: 1 })
    const withAddress = await api('PATCH', `/api/store/carts/${id}/checkout`, cart.token, { email: 'lighthouse@example.com', shipTo: { name: 'Camille Martin', line1: '12 rue Oberkampf', postalCode: '75011', city: 'Paris', country: 'FR' } })
    await api('PATCH', `/api/store/carts/${id}/checkout`, cart.token, { shippingMethodCode: withAddress.quote.shippingOptions[0]!.methodCode })
    return { id, token: cart.token }
  }
  const open = await ready()
  const paid = await ready()
  const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', holderName: 'Camille Martin' }
  const order = await api('POST', `/api/store/carts/${paid.id}/order`, paid.token, { idempotencyKey: `lighthouse-${Date.now()}`, paymentMethod: 'card', card, ageConfirmed: true, birthDate: '1990-04-02', acceptTerms: true })
  return { cartToken: open.token, orderPath: `/fr/commandes/${order.orderId}?t=${order.accessToken}` }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err)
  process.exit(1)
})
