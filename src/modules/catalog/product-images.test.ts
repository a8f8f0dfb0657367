import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import { AppError, type ErrorCode } from '../../kernel/errors.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { png } from '../../../test/helpers/image-fixtures.ts'
import { uploadImage } from '../media/index.ts'
import { attachProductImage, detachProductImage, getProductCards, getProductDetail, reorderProductImages } from './index.ts'

// A product's pictures as the storefront shows them: the first on cards, all in order on the page.

let database: Database
let dataDir: string
let ctx: Ctx
let productId: string
let generated: string
let a: string
let b: string

before(async () => {
  database = await testDatabase()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-pictures-'))
  ctx = { ...systemCtx(database.db, 'test'), actor: { kind: 'staff', staffId: 'stf_pictures', email: 'pictures@lakou.test', roles: ['e_merchandiser'] } }
  const [row] = (await sql<{ id: string; image_id: string }>`
    select p.id, pi.image_id from products p join product_images pi on pi.product_id = p.id where p.handle = 'acs-rhum-blanc-50'`.execute(database.db)).rows
  productId = row!.id
  generated = row!.image_id
  a = (await uploadImage(ctx, { dataDir, bytes: await png(400, 500), alt: { fr: 'Étiquette', en: 'Label' } })).id
  b = (await uploadImage(ctx, { dataDir, bytes: await png(500, 400), alt: { fr: 'Bouteille', en: 'Bottle' } })).id
})
after(async () => {
  await database.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const keyOf = async (imageId: string) => (await sql<{ storage_key: string }>`select storage_key from images where id = ${imageId}`.execute(database.db)).rows[0]!.storage_key
const shownOnPage = async () => (await getProductDetail(ctx, { id: productId }))!.images.map((i) => i.key)
const shownOnCard = async () => (await getProductCards(ctx, [productId]))[0]!.image?.key
const audits = async () =>
  (await sql<{ action: string; actor_id: string; before: { images: string[] }; after: { images: string[] } }>`
    select action, actor_id, before, after from audit_log where entity_type = 'product' and entity_id = ${productId} order by id`.execute(database.db)).rows

async function refused(code: ErrorCode, run: Promise<unknown>): Promise<void> {
  await assert.rejects(run, (err: unknown) => err instanceof AppError && err.code === code)
}

test('attached pictures show on the product page in order; one attached first becomes the card picture', async () => {
  assert.deepEqual(await shownOnPage(), [await keyOf(generated)])
  assert.deepEqual((await attachProductImage(ctx, { productId, imageId: a })).imageIds, [generated, a])
  assert.deepEqual((await attachProductImage(ctx, { productId, imageId: b, position: 0 })).imageIds, [b, generated, a])
  assert.deepEqual(await shownOnPage(), [await keyOf(b), await keyOf(generated), await keyOf(a)])
  assert.equal(await shownOnCard(), await keyOf(b))

  const logged = await audits()
  assert.deepEqual(logged.map((e) => e.action), ['catalog.product_image_attached', 'catalog.product_image_attached'])
  assert.deepEqual([logged[1]!.before.images, logged[1]!.after.images], [[generated, a], [b, generated, a]])
  assert.equal(logged[1]!.actor_id, 'stf_pictures')

  // the same form posted twice: nothing changes, nothing more in the log
  assert.deepEqual((await attachProductImage(ctx, { productId, imageId: a, position: 0 })).imageIds, [b, generated, a])
  assert.equal((await audits()).length, 2)
})

test('reordering needs exactly the current pictures; a stale list changes nothing', async () => {
  assert.deepEqual((await reorderProductImages(ctx, { productId, imageIds: [a, b, generated] })).imageIds, [a, b, generated])
  assert.deepEqual(await shownOnPage(), [await keyOf(a), await keyOf(b), await keyOf(generated)])
  for (const imageIds of [[a, b], [a, b, generated, generated], [a, a, b], [a, b, 'img_unknown']]) {
    await refused('CONFLICT', reorderProductImages(ctx, { productId, imageIds }))
  }
  assert.deepEqual(await shownOnPage(), [await keyOf(a), await keyOf(b), await keyOf(generated)])
  assert.equal((await audits()).at(-1)!.action, 'catalog.product_images_reordered')
})

test('detaching closes the gap and keeps the image for others', async () => {
  assert.deepEqual((await detachProductImage(ctx, { productId, imageId: b })).imageIds, [a, generated])
  const positions = (await sql<{ position: number }>`select position from product_images where product_id = ${productId} order by position`.execute(database.db)).rows
  assert.deepEqual(positions.map((p) => p.position), [0, 1])
  assert.deepEqual(await shownOnPage(), [await keyOf(a), await keyOf(generated)])
  assert.ok(await keyOf(b), 'the image row stays')
  await refused('NOT_FOUND', detachProductImage(ctx, { productId, imageId: b }))
  assert.equal((await audits()).at(-1)!.action, 'catalog.product_image_detached')
})

test('unknown products or images and malformed input are refused without a change', async () => {
  const before = await shownOnPage()
  const count = (await audits()).length
  await refused('NOT_FOUND', attachProductImage(ctx, { productId: 'prd_nope', imageId: b }))
  await refused('NOT_FOUND', attachProductImage(ctx, { productId, imageId: 'img_nope' }))
  await refused('NOT_FOUND', reorderProductImages(ctx, { productId: 'prd_nope', imageIds: [] }))
  await refused('VALIDATION_FAILED', attachProductImage(ctx, { productId, imageId: '' }))
  await refused('VALIDATION_FAILED', attachProductImage(ctx, { productId, imageId: b, position: -1 }))
  await refused('VALIDATION_FAILED', reorderProductImages(ctx, { productId, imageIds: 'a,b' as unknown as string[] }))
  assert.deepEqual(await shownOnPage(), before)
  assert.equal((await audits()).length, count)
})
