import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { jpeg } from '../../../test/helpers/image-fixtures.ts'
import { uploadImage } from '../media/index.ts'
import { getProducer, setProducerImage } from './index.ts'

let database: Database
let dataDir: string
let ctx: Ctx
before(async () => {
  database = await testDatabase()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-producer-picture-'))
  ctx = { ...systemCtx(database.db, 'test'), actor: { kind: 'staff', staffId: 'stf_content', email: 'content@lakou.test', roles: ['content_manager'] } }
})
after(async () => {
  await database.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

test('a producer\'s uploaded portrait shows on its page; removing it is audited too', async () => {
  const [producer] = (await sql<{ id: string; slug: string; image_id: string }>`
    select id, slug, image_id from producers where status = 'ACTIVE' and kind = 'producer' order by slug limit 1`.execute(database.db)).rows
  const image = await uploadImage(ctx, { dataDir, bytes: await jpeg(900, 600), alt: { fr: 'La distillerie', en: 'The distillery' } })

  await setProducerImage(ctx, { producerId: producer!.id, imageId: image.id })
  const page = await getProducer(ctx, producer!.slug)
  assert.equal(page!.image?.key, image.key)
  assert.equal(page!.image?.alt, 'La distillerie')

  await setProducerImage(ctx, { producerId: producer!.id, imageId: image.id }) // again: no change
  await setProducerImage(ctx, { producerId: producer!.id, imageId: null })
  assert.equal((await getProducer(ctx, producer!.slug))!.image, null)

  const log = (await sql<{ before: unknown; after: unknown; actor_id: string }>`
    select before, after, actor_id from audit_log where action = 'producers.image_changed' and entity_id = ${producer!.id} order by id`.execute(database.db)).rows
  assert.deepEqual(log.map((e) => [e.before, e.after]), [[{ imageId: producer!.image_id }, { imageId: image.id }], [{ imageId: image.id }, { imageId: null }]])
  assert.equal(log[0]!.actor_id, 'stf_content')
})

test('an unknown producer or image is refused and nothing changes', async () => {
  const [producer] = (await sql<{ id: string; image_id: string | null }>`select id, image_id from producers order by slug desc limit 1`.execute(database.db)).rows
  const code = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof AppError ? e.code : String(e)))
  assert.equal(await code(setProducerImage(ctx, { producerId: producer!.id, imageId: 'img_nope' })), 'NOT_FOUND')
  assert.equal(await code(setProducerImage(ctx, { producerId: 'prf_nope', imageId: null })), 'NOT_FOUND')
  assert.equal(await code(setProducerImage(ctx, { producerId: '', imageId: null })), 'VALIDATION_FAILED')
  const [now] = (await sql<{ image_id: string | null }>`select image_id from producers where id = ${producer!.id}`.execute(database.db)).rows
  assert.equal(now!.image_id, producer!.image_id)
})
