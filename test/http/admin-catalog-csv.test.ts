import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { Browser, textOf } from './account-helpers.ts'

// The catalogue CSV screen: export, a dry run that lists every error by line and changes nothing,
// then the import of a clean file, applied from the checked copy kept server-side.

let t: TestApp
let b: Browser
before(async () => {
  t = await testApp()
  b = (await signedInStaff(t.app, t.database, ['e_merchandiser'])).browser
})
after(async () => t.close())

async function upload(url: string, csv: string, filename = 'catalogue.csv') {
  const page = await b.get('/admin/catalogue/csv')
  const form = new FormData()
  form.append('_csrf', /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!)
  form.append('file', new Blob([csv], { type: 'text/csv' }), filename)
  const encoded = new Response(form)
  return t.app.inject({
    method: 'POST', url, remoteAddress: b.ip, payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: b.cookieHeader, 'content-type': encoded.headers.get('content-type')! },
  })
}

/** The exported rows of one product that has a single variant, as a small CSV file. */
async function oneProductFile(change: (row: Record<string, string>) => void) {
  const exported = await b.get('/admin/catalogue/csv/export')
  assert.equal(exported.statusCode, 200)
  assert.match(String(exported.headers['content-disposition']), /attachment; filename="lakou-catalogue-/)
  const rows = parse(exported.body.replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[]
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.handle!, (counts.get(r.handle!) ?? 0) + 1)
  const row = rows.find((r) => counts.get(r.handle!) === 1 && r.sku)!
  change(row)
  return { handle: row.handle!, csv: stringify([row], { header: true, delimiter: ';' }) }
}

test('a dry run with errors lists them by line and column, offers no import, and changes nothing', async () => {
  const { handle, csv } = await oneProductFile((r) => {
    r.name_fr = 'Nom changé par erreur'
    r['retail_FR-MAINLAND'] = 'douze euros'
  })
  const before = await sql<{ name_fr: string; version: number }>`select name_fr, version from products where handle = ${handle}`.execute(t.database.db)
  const res = await upload('/admin/catalogue/csv/verifier', csv)
  assert.equal(res.statusCode, 422)
  const text = textOf(res.body)
  assert.match(text, /Vérification : 1 erreur/)
  assert.match(res.body, /<td class="num">2<\/td><td>retail_FR-MAINLAND<\/td>/)
  assert.ok(!res.body.includes('action="/admin/catalogue/csv/importer"'), 'no import button for a file with errors')
  const afterRows = await sql<{ name_fr: string; version: number }>`select name_fr, version from products where handle = ${handle}`.execute(t.database.db)
  assert.deepEqual(afterRows.rows, before.rows)
})

test('a clean file: the dry run shows what would change, then "Importer" applies the checked file', async () => {
  const { handle, csv } = await oneProductFile((r) => {
    r.name_fr = 'Nom venu du fichier CSV'
  })
  const check = await upload('/admin/catalogue/csv/verifier', csv)
  assert.equal(check.statusCode, 200, textOf(check.body).slice(0, 500))
  assert.match(textOf(check.body), /Vérification : aucune erreur/)
  const unchanged = await sql<{ name_fr: string }>`select name_fr from products where handle = ${handle}`.execute(t.database.db)
  assert.notEqual(unchanged.rows[0]!.name_fr, 'Nom venu du fichier CSV', 'a dry run writes nothing')
  const token = /name="token" value="([0-9a-f]{32})"/.exec(check.body)![1]!
  const applied = await b.post('/admin/catalogue/csv/importer', { token })
  assert.equal(applied.statusCode, 200, textOf(applied.body).slice(0, 500))
  assert.match(textOf(applied.body), /Import effectué/)
  assert.match(textOf(applied.body), /Produits modifiés 1/)
  const changed = await sql<{ name_fr: string }>`select name_fr from products where handle = ${handle}`.execute(t.database.db)
  assert.equal(changed.rows[0]!.name_fr, 'Nom venu du fichier CSV')
  const again = await b.post('/admin/catalogue/csv/importer', { token })
  assert.equal(again.statusCode, 400, 'a checked file is applied once')
})

test('a content manager, who may edit but not import, is refused the CSV screen', async () => {
  const cm = (await signedInStaff(t.app, t.database, ['content_manager'])).browser
  assert.equal((await cm.get('/admin/catalogue/csv')).statusCode, 403)
  assert.equal((await cm.get('/admin/catalogue/csv/export')).statusCode, 403)
})
