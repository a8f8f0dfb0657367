import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import type { Database } from '../../kernel/db/client.ts'
import { newId } from '../../kernel/ids.ts'
import type { Logger } from '../../kernel/log.ts'
import { mediaDb } from './tables.ts'
import { imageFilesExist, renderImageFiles } from './render-image.ts'

/** Bump when the drawing code changes: keys (hence URLs cached for a year) change with it. */
export const DRAWING_VERSION = 1

export type ImageStepOptions = { dataDir: string; log?: Logger | undefined; now?: Date; images?: boolean }

/** One picture to store: its SVG, the widths to render, and the rows that point at it. */
export type PicturePlan = {
  /** 'products/<handle>', 'producers/<slug>', 'categories/<code>': the hash is appended */
  keyBase: string
  svg: string
  widths: readonly number[]
  /** height / width */
  aspect: number
  dominantColor: string
  alt: { fr: string; en: string }
}

export type StoredPicture = { plan: PicturePlan; key: string; imageId: string }

/** Storage key of a plan: its base plus a hash of the drawing, so new drawings get new URLs. */
export function pictureKey(plan: PicturePlan): string {
  const hash = createHash('sha256').update(`${DRAWING_VERSION}\n${plan.svg}`).digest('hex').slice(0, 10)
  return `${plan.keyBase}-${hash}`
}

/**
 * Renders the files of every plan not yet on disk (unless `images: false`), then upserts one
 * `images` row per plan (by storage key: a re-run inserts nothing new) and returns their ids.
 * Renders two pictures at a time per core: sharp's encoders are partly single-threaded, and two in
 * flight on this 2-core machine measured 375 ms a product against 658 ms one at a time.
 */
export async function storePictures(database: Database, plans: PicturePlan[], opts: ImageStepOptions, what: string): Promise<StoredPicture[]> {
  const keyed = plans.map((plan) => ({ plan, key: pictureKey(plan) }))
  if (opts.images !== false) {
    const mediaDir = path.join(opts.dataDir, 'media')
    const todo: typeof keyed = []
    for (const k of keyed) if (!(await imageFilesExist(path.join(mediaDir, k.key), k.plan.widths))) todo.push(k)
    const t0 = performance.now()
    let done = 0
    let next = 0
    const step = Math.max(1, Math.ceil(todo.length / 5))
    const worker = async () => {
      while (next < todo.length) {
        const { plan, key } = todo[next++]!
        await renderImageFiles(plan.svg, path.join(mediaDir, key), plan.widths, plan.aspect)
        done++
        if (done % step === 0 || done === todo.length) opts.log?.info({ done, total: todo.length, ms: Math.round(performance.now() - t0) }, `${what} pictures rendered`)
      }
    }
    await Promise.all(Array.from({ length: Math.min(todo.length, os.availableParallelism()) }, worker))
  }
  if (!keyed.length) return []
  const now = opts.now ?? new Date()
  const rows = keyed.map(({ plan, key }) => ({
    id: newId('img', now.getTime()),
    storage_key: key,
    width: Math.max(...plan.widths),
    height: Math.round(Math.max(...plan.widths) * plan.aspect),
    widths: [...plan.widths],
    dominant_color: plan.dominantColor,
    alt_fr: plan.alt.fr,
    alt_en: plan.alt.en,
    created_at: now,
  }))
  const saved = await mediaDb(database.db)
    .insertInto('images')
    .values(rows)
    .onConflict((oc) => oc.column('storage_key').doUpdateSet((eb) => ({ alt_fr: eb.ref('excluded.alt_fr'), alt_en: eb.ref('excluded.alt_en') })))
    .returning(['id', 'storage_key'])
    .execute()
  const idByKey = new Map(saved.map((r) => [r.storage_key, r.id]))
  return keyed.map(({ plan, key }) => ({ plan, key, imageId: idByKey.get(key)! }))
}

/**
 * Deletes generated images (keys under the given prefixes) that nothing points at any more,
 * rows and files: what a new drawing version leaves behind.
 */
export async function deleteOrphanPictures(database: Database, prefixes: string[], opts: ImageStepOptions): Promise<number> {
  const patterns = prefixes.map((p) => `${p}/%`)
  const gone = await sql<{ storage_key: string }>`
    delete from images i
     where i.storage_key like any(${patterns})
       and not exists (select 1 from product_images pi where pi.image_id = i.id)
       and not exists (select 1 from producers pr where pr.image_id = i.id)
    returning i.storage_key`.execute(database.db)
  if (opts.images !== false) {
    for (const r of gone.rows) await fs.rm(path.join(opts.dataDir, 'media', r.storage_key), { recursive: true, force: true })
  }
  return gone.rows.length
}
