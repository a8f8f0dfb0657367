import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import sharp from 'sharp'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import { AppError, type ErrorCode } from '../../kernel/errors.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import * as fixture from '../../../test/helpers/image-fixtures.ts'
import { FORMATS, imageUrl, uploadImage, UPLOAD_MAX_BYTES, UPLOAD_MIN_SIDE, type UploadImageInput } from './index.ts'
import { renditionWidths } from './decode-upload.ts'
import { safeOriginalName } from './upload-image.ts'

let database: Database
let dataDir: string
let ctx: Ctx
before(async () => {
  database = await testDatabase()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-upload-'))
  ctx = { ...systemCtx(database.db, 'test'), actor: { kind: 'staff', staffId: 'stf_test', email: 'photo@lakou.test', roles: ['content_manager'] } }
})
after(async () => {
  await database.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const alt = { fr: 'Bouteille de rhum sur une table', en: 'Rum bottle on a table' }
const upload = (bytes: Buffer, filename = 'photo.jpg', more: Partial<UploadImageInput> = {}) => uploadImage(ctx, { dataDir, bytes, filename, alt, ...more })
const imageCount = async () => (await sql<{ n: number }>`select count(*)::int as n from images`.execute(database.db)).rows[0]!.n
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dataDir, path.join(e.parentPath, e.name))) : []

async function refusedWith(code: ErrorCode, bytes: Buffer, filename: string): Promise<void> {
  await assert.rejects(upload(bytes, filename), (err: unknown) => {
    assert.ok(err instanceof AppError, `${filename}: ${String(err)}`)
    assert.equal(err.code, code, `${filename}: ${err.message}`)
    assert.ok(err.message.length > 20, 'a message a person can act on')
    return true
  })
}

test('JPEG, PNG, WebP and AVIF are stored upright in every width and format, never enlarged, whatever their name', async () => {
  const cases = [
    { bytes: await fixture.jpeg(1000, 800), name: 'IMG_0001.JPG' },
    { bytes: await fixture.png(600, 400), name: 'scan.pdf' },
    { bytes: await fixture.webp(480, 640), name: 'no-extension' },
    { bytes: await fixture.avif(700, 500), name: 'photo.gif' },
  ]
  for (const c of cases) {
    const meta = await sharp(c.bytes).metadata()
    const image = await upload(c.bytes, c.name)
    assert.equal(image.created, true)
    assert.match(image.key, /^uploads\/[0-9a-f]{32}$/)
    const largest = Math.min(meta.width!, 960)
    assert.equal(Math.max(...image.widths), largest, c.name)
    assert.ok(image.widths.every((w) => w <= meta.width!), 'never wider than the original')
    assert.deepEqual([image.width, image.height], [largest, Math.round((largest * meta.height!) / meta.width!)])
    assert.match(image.dominantColor!, /^#[0-9a-f]{6}$/)
    assert.deepEqual(image.alt, alt)
    for (const w of image.widths) {
      for (const [ext, format] of [['avif', 'heif'], ['webp', 'webp'], ['jpg', 'jpeg']] as const) {
        const stored = await sharp(path.join(dataDir, imageUrl(image.key, w, ext))).metadata()
        assert.equal(stored.format, format)
        assert.deepEqual([stored.width, stored.height], [w, Math.round((w * meta.height!) / meta.width!)], `${c.name} ${w}.${ext}`)
      }
    }
    const [row] = (await sql<{ storage_key: string; widths: number[] }>`select storage_key, widths from images where id = ${image.id}`.execute(database.db)).rows
    assert.deepEqual(row, { storage_key: image.key, widths: image.widths })
  }
})

test('refused files get their own error code and leave nothing behind', async () => {
  const before = await imageCount()
  const filesBefore = filesUnder(dataDir)
  const heicHeader = Buffer.concat([Buffer.from('00000018667479706865696300000000', 'hex'), Buffer.from('mif1heic'), Buffer.alloc(400, 7)])
  const cases: [ErrorCode, Buffer, string][] = [
    ['MEDIA_UNSUPPORTED_FORMAT', fixture.svgWithScript(), 'logo.png'],
    ['MEDIA_UNSUPPORTED_FORMAT', await fixture.gif(), 'anim.jpg'],
    ['MEDIA_UNSUPPORTED_FORMAT', (await fixture.heic()) ?? heicHeader, 'iphone.jpg'],
    ['MEDIA_UNSUPPORTED_FORMAT', heicHeader, 'iphone.heic'],
    ['MEDIA_UNSUPPORTED_FORMAT', await fixture.tiff(), 'scan.png'],
    ['MEDIA_NOT_AN_IMAGE', fixture.pdf(), 'invoice.jpg'],
    ['MEDIA_NOT_AN_IMAGE', Buffer.from('just some text, not a picture at all\n'), 'notes.jpg'],
    ['MEDIA_NOT_AN_IMAGE', Buffer.alloc(0), 'empty.png'],
    ['MEDIA_NOT_AN_IMAGE', await fixture.truncatedJpeg(), 'cut.jpg'],
    ['MEDIA_NOT_AN_IMAGE', fixture.fakeJpegWithHtml(), 'polyglot.jpg'],
    ['MEDIA_TOO_SMALL', await fixture.png(UPLOAD_MIN_SIDE - 1, 400), 'narrow.png'],
    ['MEDIA_TOO_SMALL', await fixture.jpeg(1200, UPLOAD_MIN_SIDE - 1), 'banner.jpg'],
    ['MEDIA_TOO_LARGE', await fixture.pngClaiming(20_000, 20_000), 'bomb.png'],
    ['MEDIA_TOO_LARGE', Buffer.concat([await fixture.jpeg(), Buffer.alloc(UPLOAD_MAX_BYTES)]), 'huge.jpg'],
  ]
  for (const [code, bytes, name] of cases) await refusedWith(code, bytes, name)
  assert.equal(await imageCount(), before)
  assert.deepEqual(filesUnder(dataDir), filesBefore)
})

test('EXIF orientation is applied, colours are sRGB, and no metadata (GPS, camera, ICC) reaches a stored file', async () => {
  const input = await fixture.sidewaysJpegWithGps()
  const inMeta = await sharp(input).metadata()
  assert.equal(inMeta.orientation, 6)
  assert.ok(inMeta.exif && inMeta.icc && input.includes(fixture.SECRET), 'the fixture carries EXIF, GPS and a profile')
  const image = await upload(input, 'DSC_0042.JPG')
  assert.deepEqual([image.width, image.height], [800, 1200], 'stored upright: portrait')
  for (const w of image.widths) {
    for (const ext of FORMATS) {
      const file = path.join(dataDir, imageUrl(image.key, w, ext))
      const meta = await sharp(file).metadata()
      assert.equal(meta.exif, undefined, `${w}.${ext} has no EXIF`)
      assert.equal(meta.icc, undefined, `${w}.${ext} has no profile`)
      assert.equal(meta.xmp, undefined)
      assert.equal(meta.orientation, undefined)
      const bytes = fs.readFileSync(file)
      assert.ok(!bytes.includes(fixture.SECRET) && !bytes.includes('LakouCam'))
    }
  }
  // the red quarter was top-left in the sideways file: upright, it is top-right
  const { data, info } = await sharp(path.join(dataDir, imageUrl(image.key, 320, 'jpg'))).raw().toBuffer({ resolveWithObject: true })
  const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
  const [r1, , b1] = at(Math.round(info.width * 0.75), Math.round(info.height * 0.25))
  const [r2, , b2] = at(Math.round(info.width * 0.25), Math.round(info.height * 0.25))
  assert.ok(r1! > 200 && b1! < 60, `top-right is red: ${at(Math.round(info.width * 0.75), Math.round(info.height * 0.25))}`)
  assert.ok(b2! > 200 && r2! < 60, 'top-left is blue')
})

test('the same bytes uploaded twice are the same image, and missing files are written again', async () => {
  const bytes = await fixture.jpeg(900, 700)
  const first = await upload(bytes, 'a.jpg')
  const count = await imageCount()
  const second = await upload(bytes, 'b.jpg', { alt: { fr: 'Autre texte', en: 'Other text' } })
  assert.equal(second.id, first.id)
  assert.equal(second.created, false)
  assert.deepEqual(second.alt, alt, 'the first description stays')
  assert.equal(await imageCount(), count)
  fs.rmSync(path.join(dataDir, 'media', first.key), { recursive: true })
  const third = await upload(bytes, 'c.jpg')
  assert.equal(third.id, first.id)
  assert.ok(fs.existsSync(path.join(dataDir, imageUrl(first.key, 640, 'avif'))))
  const audits = (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'media.image_uploaded' and entity_id = ${first.id}`.execute(database.db)).rows[0]!.n
  assert.equal(audits, 1, 'one upload in the audit log')
})

test('a file name is only data: path tricks write nothing outside media/uploads/<hash>/', async () => {
  const names = ['../../etc/passwd.png', '/etc/passwd', '..\\..\\windows\\win.ini', 'a\u0000b\u202e.png', '.hidden', `${'x'.repeat(500)}.png`]
  for (const [i, name] of names.entries()) {
    const image = await upload(await fixture.png(300 + i, 300), name)
    const [entry] = (await sql<{ after: { originalName: string | null; key: string } }>`
      select after from audit_log where action = 'media.image_uploaded' and entity_id = ${image.id}`.execute(database.db)).rows
    assert.equal(entry!.after.originalName, safeOriginalName(name))
    assert.ok(!entry!.after.originalName?.includes('/') && !entry!.after.originalName?.includes('..'))
  }
  for (const file of filesUnder(dataDir)) assert.match(file, /^media\/uploads\/[0-9a-f]{32}\/\d+\.(avif|webp|jpg)$/)
  assert.equal(fs.existsSync(path.join(dataDir, '..', 'etc')), false)
  assert.equal(safeOriginalName('../../etc/passwd.png'), 'passwd.png')
  assert.equal(safeOriginalName('..\\..\\windows\\win.ini'), 'win.ini')
  assert.equal(safeOriginalName('a\u0000b\u202e.png'), 'ab.png')
  assert.equal(safeOriginalName('.hidden'), 'hidden')
  assert.equal(safeOriginalName(`${'x'.repeat(500)}.png`)!.length, 120)
  assert.equal(safeOriginalName('../'), null)
})

test('a picture needs its descriptions in both languages', async () => {
  await assert.rejects(upload(await fixture.png(), 'p.png', { alt: { fr: '  ', en: 'Rum' } }), (err: unknown) => err instanceof AppError && err.code === 'VALIDATION_FAILED')
})

test('rendition widths: the standard ones below the picture, then its own width up to the largest', () => {
  assert.deepEqual(renditionWidths(2400, [320, 640, 960]), [320, 640, 960])
  assert.deepEqual(renditionWidths(960, [320, 640, 960]), [320, 640, 960])
  assert.deepEqual(renditionWidths(700, [320, 640, 960]), [320, 640, 700])
  assert.deepEqual(renditionWidths(250, [320, 640, 960]), [250])
})
