import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import sharp from 'sharp'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { generateDemoImages, imageUrl } from './index.ts'

let database: Database
let dataDir: string
before(async () => {
  database = await testDatabase()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-media-'))
})
after(async () => {
  await database.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows

test('the seeded market has one picture row per product and producer, even without files', async () => {
  const missing = await q(sql<{ n: number }>`select count(*)::int as n from products p where not exists (select 1 from product_images pi where pi.product_id = p.id)`)
  assert.equal(missing[0]!.n, 0)
  const producers = await q(sql<{ n: number }>`select count(*)::int as n from producers where image_id is null`)
  assert.equal(producers[0]!.n, 0)
  const [rum] = await q(sql<{ name_fr: string; name_en: string; alt_fr: string; alt_en: string; widths: number[]; width: number; height: number; dominant_color: string }>`
    select p.name_fr, p.name_en, i.alt_fr, i.alt_en, i.widths, i.width, i.height, i.dominant_color from products p
      join product_images pi on pi.product_id = p.id join images i on i.id = pi.image_id where p.handle = 'acs-rhum-blanc-50'`)
  assert.equal(rum!.alt_fr, rum!.name_fr)
  assert.equal(rum!.alt_en, rum!.name_en)
  assert.deepEqual(rum!.widths, [320, 640, 960])
  assert.deepEqual([rum!.width, rum!.height], [960, 1200])
  assert.match(rum!.dominant_color, /^#[0-9a-f]{6}$/)
})

test('with images off, a run writes no file and adds no row', async () => {
  const before = await q(sql<{ n: number }>`select count(*)::int as n from images`)
  const r = await generateDemoImages(database, { dataDir, images: false })
  assert.ok(r.products > 50)
  const afterRun = await q(sql<{ n: number }>`select count(*)::int as n from images`)
  assert.equal(afterRun[0]!.n, before[0]!.n)
  assert.equal(fs.existsSync(path.join(dataDir, 'media')), false)
})

test('with images on, files exist in every width and format, and a re-run duplicates nothing', async () => {
  // Keep the run short: give all but two products and one producer an uploaded picture, which the step leaves alone.
  await sql`insert into images (id, storage_key, width, height, widths, alt_fr, alt_en) values ('img_upload', 'uploads/x', 100, 100, '{100}', 'x', 'x')`.execute(database.db)
  await sql`delete from product_images where product_id not in (select id from products where handle in ('acs-rhum-blanc-50', 'chn-cafe-grains'))`.execute(database.db)
  await sql`insert into product_images (product_id, image_id) select id, 'img_upload' from products where handle not in ('acs-rhum-blanc-50', 'chn-cafe-grains')`.execute(database.db)
  await sql`update producers set image_id = 'img_upload' where slug <> (select min(slug) from producers)`.execute(database.db)

  const first = await generateDemoImages(database, { dataDir, images: true })
  assert.deepEqual([first.products, first.producers], [2, 1])
  const rows = await q(sql<{ storage_key: string; widths: number[] }>`
    select i.storage_key, i.widths from images i join product_images pi on pi.image_id = i.id join products p on p.id = pi.product_id
     where p.handle = 'acs-rhum-blanc-50'`)
  assert.equal(rows.length, 1)
  const key = rows[0]!.storage_key
  for (const w of [320, 640, 960]) {
    for (const [ext, format] of [['avif', 'heif'], ['webp', 'webp'], ['jpg', 'jpeg']] as const) {
      const file = path.join(dataDir, imageUrl(key, w, ext))
      const meta = await sharp(file).metadata()
      assert.equal(meta.format, format, file)
      assert.deepEqual([meta.width, meta.height], [w, w * 1.25], file)
    }
  }
  const [producer] = await q(sql<{ storage_key: string }>`select i.storage_key from producers pr join images i on i.id = pr.image_id where pr.slug = (select min(slug) from producers)`)
  const pmeta = await sharp(path.join(dataDir, imageUrl(producer!.storage_key, 640, 'webp'))).metadata()
  assert.deepEqual([pmeta.width, pmeta.height], [640, 427])
  assert.equal(fs.existsSync(path.join(dataDir, imageUrl(producer!.storage_key, 960, 'webp'))), false)

  const count = async () => (await q(sql<{ n: number; links: number }>`select (select count(*)::int from images) as n, (select count(*)::int from product_images) as links`))[0]!
  const beforeRerun = await count()
  const mtime = fs.statSync(path.join(dataDir, imageUrl(key, 960, 'avif'))).mtimeMs
  await generateDemoImages(database, { dataDir, images: true })
  assert.deepEqual(await count(), beforeRerun)
  assert.equal(fs.statSync(path.join(dataDir, imageUrl(key, 960, 'avif'))).mtimeMs, mtime, 'files already there are not rendered again')
  const uploaded = await q(sql<{ n: number }>`select count(*)::int as n from product_images where image_id = 'img_upload'`)
  assert.ok(uploaded[0]!.n > 50, 'uploaded pictures are left alone')
})
