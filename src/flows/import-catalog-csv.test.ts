import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../kernel/ctx.ts'
import type { Database } from '../kernel/db/client.ts'
import { testDatabase } from '../../test/helpers/test-db.ts'
import { createProduct, exportCatalogCsv, getProductForEdit } from '../modules/catalog/index.ts'
import { runCatalogExport } from '../cli/catalog-export.ts'
import { runCatalogImport } from '../cli/catalog-import.ts'
import { importCatalogCsv } from './import-catalog-csv.ts'

// The catalogue CSV on the demo market: export, dry run, apply, round trip, and files with errors.

let database: Database
let ctx: Ctx
before(async () => {
  database = await testDatabase()
  ctx = { ...systemCtx(database.db, 'test'), actor: { kind: 'staff', staffId: 'stf_merch', email: 'merch@lakou.test', roles: ['e_merchandiser'] } }
})
after(async () => database?.close())

const bytes = (s: string) => new TextEncoder().encode(s)
const dryRun = (csv: string) => importCatalogCsv(ctx, { file: bytes(csv), source: 'test.csv' })
const apply = (csv: string) => importCatalogCsv(ctx, { file: bytes(csv), apply: true, source: 'test.csv' })

/** The file as a table to edit by column name, written back in the same dialect. */
function sheet(csv: string) {
  const delimiter = csv.split('\n')[0]!.includes(';') ? ';' : ','
  const [header, ...rows] = parse(csv.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true }) as string[][]
  const col = (name: string) => {
    const i = header!.indexOf(name)
    assert.ok(i >= 0, name)
    return i
  }
  return {
    rows,
    get: (row: number, name: string) => rows[row]![col(name)]!,
    set: (row: number, name: string, value: string) => void (rows[row]![col(name)] = value),
    rowOfSku: (sku: string) => rows.findIndex((r) => r[col('sku')] === sku),
    /** the spreadsheet row number of a data row (the header is row 1) */
    lineOf: (row: number) => row + 2,
    text: () => stringify([header!, ...rows], { delimiter }),
  }
}

async function snapshot() {
  const q = await sql<{ products: number; variants: number; prices: number; labels: number; audit: number; versions: number; stamp: string }>`
    select (select count(*)::int from products) as products, (select count(*)::int from product_variants) as variants,
           (select count(*)::int from variant_prices) as prices, (select count(*)::int from product_labels) as labels,
           (select count(*)::int from audit_log) as audit, (select sum(version)::int from products) as versions,
           (select md5(string_agg(p::text, '' order by id)) from products p) as stamp`.execute(database.db)
  return q.rows[0]!
}

test('export then import of the unchanged file: zero changes, in ; with BOM (French Excel) and in , without', async () => {
  const semicolon = await exportCatalogCsv(ctx)
  assert.ok(semicolon.startsWith('\uFEFFhandle;status;name_fr'))
  const variants = (await sql<{ n: number }>`select count(*)::int as n from product_variants`.execute(database.db)).rows[0]!.n
  assert.equal(sheet(semicolon).rows.length, variants)
  assert.match(semicolon, /;27,90;/) // decimal comma in a ';' file
  const comma = await exportCatalogCsv(ctx, { delimiter: ',', bom: false })
  assert.ok(comma.startsWith('handle,status,'))
  assert.match(comma, /,27\.90,/)
  for (const file of [semicolon, comma]) {
    const report = await dryRun(file)
    assert.deepEqual(report.errors, [])
    assert.deepEqual(report.summary, { productsCreated: 0, productsUpdated: 0, variantsCreated: 0, variantsUpdated: 0, unchanged: variants })
  }
  const before = await snapshot()
  const applied = await apply(semicolon)
  assert.ok(applied.ok && applied.applied)
  assert.deepEqual(applied.touchedProductIds, [])
  assert.deepEqual(await snapshot(), before)
})

test('a dry run lists every error by row and column and changes nothing', async () => {
  const s = sheet(await exportCatalogCsv(ctx))
  const first = s.rowOfSku('ACS-RHB50-100')
  const second = s.rowOfSku('ACS-RHB55-070')
  const coffee = s.rowOfSku('CHN-CAF-GR-250')
  const coffeeSibling = s.rows.findIndex((r, i) => i !== coffee && r[0] === s.get(coffee, 'handle'))
  assert.ok(coffeeSibling >= 0, 'coffee has two sizes in the demo data')
  s.set(first, 'retail_FR-MAINLAND', '12,999')
  s.set(first, 'glass', 'peut-être')
  s.set(second, 'category', 'rum/nope')
  s.set(second, 'sku', 'ACS-RHB50-100')
  s.set(second, 'name_en', '')
  s.set(coffeeSibling, 'name_fr', 'Autre nom')
  const before = await snapshot()
  const report = await dryRun(s.text())
  assert.equal(report.ok, false)
  assert.equal(report.applied, false)
  const found = report.errors.map((e) => `${e.line}:${e.column}`)
  // the SKU now on two rows is reported on the later one, naming the earlier
  const [earlier, later] = [s.lineOf(first), s.lineOf(second)].sort((a, b) => a - b)
  assert.deepEqual(found.sort(), [
    `${s.lineOf(first)}:glass`, `${s.lineOf(first)}:retail_FR-MAINLAND`,
    `${s.lineOf(second)}:category`, `${s.lineOf(second)}:name_en`, `${later}:sku`,
    `${s.lineOf(coffeeSibling)}:name_fr`,
  ].sort())
  assert.match(report.errors.find((e) => e.column === 'name_en')!.message, /Le nom en anglais est obligatoire/)
  assert.match(report.errors.find((e) => e.column === 'sku')!.message, new RegExp(`ligne ${earlier}`))
  assert.deepEqual(await snapshot(), before)
  const refused = await apply(s.text())
  assert.equal(refused.applied, false)
  assert.equal(refused.errorCount, 6)
  assert.deepEqual(await snapshot(), before)
})

test('a wrong header is reported on row 1 before any row is read', async () => {
  const s = sheet(await exportCatalogCsv(ctx, { delimiter: ',' }))
  const text = s.text().replace('retail_GP', 'retail_XX').replace(',cost', ',price_cost')
  const report = await dryRun(text)
  assert.deepEqual(report.errors.map((e) => `${e.line}:${e.column}`).sort(), ['1:cost', '1:price_cost', '1:retail_GP', '1:retail_XX'])
})

test('a new product put online without an active variant is refused on its status', async () => {
  const s = sheet(await exportCatalogCsv(ctx))
  const row = [...s.rows[0]!]
  s.rows.push(row)
  const at = s.rows.length - 1
  s.set(at, 'handle', 'sans-variante')
  s.set(at, 'slug_fr', '')
  s.set(at, 'slug_en', '')
  s.set(at, 'status', 'ACTIVE')
  s.set(at, 'variant_status', 'ARCHIVED')
  s.set(at, 'sku', 'NEW-ARCHIVED-1')
  const report = await dryRun(s.text())
  assert.deepEqual(report.errors.map((e) => `${e.line}:${e.column}`), [`${s.lineOf(at)}:status`])
})

test('applying a clean file: creates, updates, reprices in one go, audited per product, with search rows', async () => {
  const s = sheet(await exportCatalogCsv(ctx))
  const rum = s.rowOfSku('ACS-RHB55-070')
  const handle = s.get(rum, 'handle')
  const productId = (await sql<{ id: string; version: number }>`select id, version from products where handle = ${handle}`.execute(database.db)).rows[0]!
  s.set(rum, 'name_fr', '<script>alert(1)</script> Rhum blanc 55')
  s.set(rum, 'retail_GP', '19,90')
  const coffee = s.rowOfSku('CHN-CAF-GR-250')
  for (const i of [0, 1]) {
    const row = [...s.rows[coffee]!]
    s.rows.push(row)
    const at = s.rows.length - 1
    s.set(at, 'handle', 'cafe-test-import')
    s.set(at, 'slug_fr', '')
    s.set(at, 'slug_en', '')
    s.set(at, 'name_fr', 'Café de test importé')
    s.set(at, 'status', 'ACTIVE')
    s.set(at, 'sku', `TEST-CAF-${i}`)
    s.set(at, 'retail_FR-MAINLAND', i ? '12,00' : '7,50')
  }
  const before = await snapshot()
  const dry = await dryRun(s.text())
  assert.deepEqual(dry.errors, [])
  // the renamed rum's row changes (product and price), the two new rows are created, every other row stays
  const expected = { productsCreated: 1, productsUpdated: 1, variantsCreated: 2, variantsUpdated: 1, unchanged: s.rows.length - 3 }
  assert.deepEqual(dry.summary, expected)
  assert.deepEqual(await snapshot(), before)

  const done = await apply(s.text())
  assert.ok(done.applied)
  assert.deepEqual(done.summary, expected)
  assert.equal(done.touchedProductIds.length, 2)
  const rumNow = (await getProductForEdit(ctx, productId.id))!
  assert.equal(rumNow.name_fr, '<script>alert(1)</script> Rhum blanc 55')
  assert.equal(rumNow.version, productId.version + 1)
  assert.equal(rumNow.variants.find((v) => v.sku === 'ACS-RHB55-070')!.prices.retail.GP, 1990)
  const created = await sql<{ id: string; slug_fr: string; status: string }>`select id, slug_fr, status from products where handle = 'cafe-test-import'`.execute(database.db)
  assert.equal(created.rows[0]!.slug_fr, 'cafe-de-test-importe')
  const newVariants = await sql<{ sku: string; position: number }>`select sku, position from product_variants where product_id = ${created.rows[0]!.id} order by position`.execute(database.db)
  assert.deepEqual(newVariants.rows.map((v) => v.sku), ['TEST-CAF-0', 'TEST-CAF-1'])
  const audit = await sql<{ action: string; entity_id: string; reason: string; actor_id: string }>`select action, entity_id, reason, actor_id from audit_log where reason like 'Import CSV%' order by id`.execute(database.db)
  assert.deepEqual(audit.rows.map((a) => a.action).sort(), ['catalog.product_created', 'catalog.product_updated'])
  assert.ok(audit.rows.every((a) => a.reason === 'Import CSV (test.csv)' && a.actor_id === 'stf_merch'))
  const indexed = await sql<{ product_id: string }>`select product_id from search_documents where product_id = ${created.rows[0]!.id}`.execute(database.db)
  assert.equal(indexed.rows.length, 1)

  const again = await dryRun(await exportCatalogCsv(ctx))
  assert.deepEqual({ ...again.summary, unchanged: 0 }, { productsCreated: 0, productsUpdated: 0, variantsCreated: 0, variantsUpdated: 0, unchanged: 0 })
})

test('texts that look like markup or formulas round-trip unchanged through the file', async () => {
  const { rows } = (await sql<{ producer_id: string; category_id: string }>`select producer_id, category_id from products limit 1`.execute(database.db))
  const tricky = { fr: '=HYPERLINK("http://evil.test";"clic")', en: '<img src=x onerror=alert(1)> "quoted"; semi, comma\nnew line' }
  const created = await createProduct(ctx, {
    producerId: rows[0]!.producer_id, categoryId: rows[0]!.category_id, name: tricky, description: { fr: '-10 % +', en: '@home' },
    vatCategoryCode: 'STANDARD', shippingClassCode: 'AMBIENT',
  })
  const file = await exportCatalogCsv(ctx)
  assert.ok(file.includes(`'=HYPERLINK`), 'formula cells are protected')
  const report = await dryRun(file)
  assert.deepEqual(report.errors, [])
  assert.equal(report.summary.productsUpdated, 0)
  const stored = (await getProductForEdit(ctx, created.productId))!
  assert.equal(stored.name_fr, tricky.fr)
  assert.equal(stored.name_en, tricky.en)
})

test('the command line exports to a file and imports it back (dry run, then --apply)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-csv-'))
  const file = path.join(dir, 'catalogue.csv')
  const written = await runCatalogExport(database.db, file, { delimiter: ';' })
  assert.equal(written, fs.statSync(file).size)
  const out: string[] = []
  assert.equal(await runCatalogImport(database.db, file, false, (l) => out.push(l)), 0)
  assert.match(out.join('\n'), /dry run, nothing written: 0 products created, 0 updated/)
  fs.writeFileSync(file, Buffer.concat([fs.readFileSync(file), Buffer.from([0xe9, 0x0a])]))
  const bad: string[] = []
  assert.equal(await runCatalogImport(database.db, file, true, (l) => bad.push(l)), 1)
  assert.match(bad.join('\n'), /UTF-8/)
  fs.rmSync(dir, { recursive: true, force: true })
})
