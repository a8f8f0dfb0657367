import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { loadConfig } from '../../src/kernel/config.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import { buildApp, type App } from '../../src/http/app.ts'
import { readUpload } from '../../src/http/plugins/multipart.ts'
import { uploadImage } from '../../src/modules/media/index.ts'
import { testDatabase } from '../helpers/test-db.ts'
import { TEST_PUBLIC_URL } from '../helpers/test-app.ts'
import * as fixture from '../helpers/image-fixtures.ts'
import { Browser } from './account-helpers.ts'

// Multipart upload forms on the real application, through throwaway routes registered here only:
// limits, CSRF (the `_csrf` field travels in the multipart body), and the other forms untouched.

let app: App
let database: Database
let dataDir: string
let handled = 0
let browser: Browser
before(async () => {
  database = await testDatabase()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-multipart-'))
  const config = loadConfig({ LAKOU_DATA_DIR: dataDir, PUBLIC_URL: TEST_PUBLIC_URL, LOG_LEVEL: 'silent', PAGE_CACHE_SECONDS: '0' })
  app = await buildApp(config, { database })
  app.post('/test/upload', { config: { upload: true } }, async (req) => {
    handled++
    const u = await readUpload(req)
    return { size: u.bytes.length, filename: u.filename, fields: u.fields }
  })
  app.post('/test/picture', { config: { upload: true } }, async (req) => {
    handled++
    const u = await readUpload(req)
    const image = await uploadImage(req.ctx, { dataDir, bytes: u.bytes, filename: u.filename, alt: { fr: u.fields.alt_fr ?? '', en: u.fields.alt_en ?? '' } })
    return { id: image.id, key: image.key }
  })
  app.post('/test/plain', async () => {
    handled++
    return { changed: true }
  })
  await app.ready()
  browser = new Browser(app, '10.9.0.1')
  await browser.get('/fr/compte/inscription') // a page with a form: the CSRF cookie and token
})
after(async () => {
  await app.close()
  await database.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

type Part = [name: string, value: string | { bytes: Buffer; filename: string; type?: string }]

/** Posts a multipart form the way a browser encodes it (Node's FormData), with the browser's cookies. */
async function post(url: string, parts: Part[], headers: Record<string, string> = {}) {
  const form = new FormData()
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value)
    else form.append(name, new Blob([new Uint8Array(value.bytes)], { type: value.type ?? 'image/jpeg' }), value.filename)
  }
  const encoded = new Response(form)
  return app.inject({
    method: 'POST', url, remoteAddress: browser.ip, payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: browser.cookieHeader, accept: 'application/json', 'content-type': encoded.headers.get('content-type')!, ...headers },
  })
}

const withCsrf = (...parts: Part[]): Part[] => [['_csrf', browser.csrf], ...parts]

test('an upload form reaches its route with the file, the name the browser gave and the text fields', async () => {
  const bytes = await fixture.jpeg(400, 300)
  const r = await post('/test/upload', withCsrf(['alt_fr', 'Une bouteille'], ['file', { bytes, filename: 'rhum.jpg' }], ['alt_en', 'A bottle']))
  assert.equal(r.statusCode, 200, r.body)
  assert.deepEqual(r.json(), { size: bytes.length, filename: 'rhum.jpg', fields: { _csrf: browser.csrf, alt_fr: 'Une bouteille', alt_en: 'A bottle' } })
})

test('CSRF: an upload without the token, or with a wrong one, is refused before the route runs', async () => {
  const bytes = await fixture.jpeg(400, 300)
  const before = handled
  for (const token of [null, '', 'forged']) {
    const parts: Part[] = token === null ? [['file', { bytes, filename: 'a.jpg' }]] : [['_csrf', token], ['file', { bytes, filename: 'a.jpg' }]]
    const r = await post('/test/upload', parts)
    assert.equal(r.statusCode, 403, `token ${token}`)
    assert.equal(r.json().error.code, 'CSRF_TOKEN_INVALID')
  }
  // a route not declared for uploads never reads the body: multipart there needs the header
  const plain = await post('/test/plain', withCsrf(['x', 'y']))
  assert.equal(plain.statusCode, 403)
  assert.equal(handled, before)
  const withHeader = await post('/test/plain', [['x', 'y']], { 'x-csrf-token': browser.csrf })
  assert.equal(withHeader.statusCode, 200)
})

test('limits: over 10 MB, two files, too many fields or no file at all get a clear 4xx', async () => {
  const big = Buffer.concat([await fixture.jpeg(400, 300), Buffer.alloc(10 * 1024 * 1024)])
  const cases: [Part[], number, string][] = [
    [withCsrf(['file', { bytes: big, filename: 'big.jpg' }]), 413, 'MEDIA_TOO_LARGE'],
    [withCsrf(['file', { bytes: await fixture.jpeg(), filename: 'a.jpg' }], ['file2', { bytes: await fixture.jpeg(), filename: 'b.jpg' }]), 400, 'MEDIA_UPLOAD_INVALID'],
    [withCsrf(...Array.from({ length: 25 }, (_, i): Part => [`f${i}`, 'v']), ['file', { bytes: await fixture.jpeg(), filename: 'a.jpg' }]), 400, 'MEDIA_UPLOAD_INVALID'],
    [withCsrf(['alt_fr', 'x']), 400, 'MEDIA_UPLOAD_INVALID'],
    [withCsrf(['file', { bytes: Buffer.alloc(0), filename: '' }]), 400, 'MEDIA_UPLOAD_INVALID'],
  ]
  for (const [parts, status, code] of cases) {
    const r = await post('/test/upload', parts)
    assert.equal(r.statusCode, status, r.body)
    assert.equal(r.json().error.code, code)
    assert.ok(r.json().error.message.length > 10)
  }
  const urlencoded = await browser.post('/test/upload', { alt_fr: 'x' })
  assert.equal(urlencoded.statusCode, 400, 'an upload route posted url-encoded: no file')
})

test('end to end: a picture is stored by its content; the name and the declared type change nothing', async () => {
  const alt: Part[] = [['alt_fr', 'Un flacon'], ['alt_en', 'A flask']]
  const ok = await post('/test/picture', withCsrf(...alt, ['file', { bytes: await fixture.png(500, 500), filename: '../../etc/passwd.png', type: 'text/plain' }]))
  assert.equal(ok.statusCode, 200, ok.body)
  assert.match(ok.json().key, /^uploads\/[0-9a-f]{32}$/)
  assert.ok(fs.existsSync(path.join(dataDir, 'media', ok.json().key, '320.webp')))
  const media = path.join(dataDir, 'media')
  const files = fs.readdirSync(media, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(media, f)).isFile())
  assert.ok(files.length > 0 && files.every((f) => /^uploads\/[0-9a-f]{32}\/\d+\.(avif|webp|jpg)$/.test(f)), files.join(', '))
  assert.deepEqual(fs.readdirSync(dataDir).filter((f) => f !== 'media' && f !== 'app-secret'), [], 'nothing written beside media/')

  const served = await app.inject({ method: 'GET', url: `/media/${ok.json().key}/320.jpg` })
  assert.equal(served.statusCode, 200)
  assert.match(String(served.headers['content-type']), /image\/jpeg/)

  const refusals: [Part, number, string][] = [
    [['file', { bytes: fixture.pdf(), filename: 'photo.jpg', type: 'image/jpeg' }], 415, 'MEDIA_NOT_AN_IMAGE'],
    [['file', { bytes: fixture.svgWithScript(), filename: 'photo.png', type: 'image/png' }], 415, 'MEDIA_UNSUPPORTED_FORMAT'],
    [['file', { bytes: await fixture.png(120, 120), filename: 'icon.png', type: 'image/png' }], 422, 'MEDIA_TOO_SMALL'],
  ]
  const count = async () => (await sql<{ n: number }>`select count(*)::int as n from images`.execute(database.db)).rows[0]!.n
  const before = await count()
  for (const [file, status, code] of refusals) {
    const r = await post('/test/picture', withCsrf(...alt, file))
    assert.equal(r.statusCode, status, r.body)
    assert.equal(r.json().error.code, code)
  }
  assert.equal(await count(), before)
})

test('url-encoded forms and JSON routes work as before', async () => {
  const b = new Browser(app, '10.9.0.2')
  const signUp = await b.submit('/fr/compte/inscription', { email: 'multipart@example.com', password: 'un mot de passe assez long', firstName: 'Ana', lastName: 'Bé' })
  assert.equal(signUp.statusCode, 303)
  const cart = await app.inject({ method: 'POST', url: '/api/store/carts', payload: { market: 'FR-MAINLAND' } })
  assert.equal(cart.statusCode, 201, cart.body)
})
