import { createHash } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { assertUploadSize, decodeUpload } from './decode-upload.ts'
import { PRODUCT_WIDTHS } from './generate-demo-images.ts'
import { imageFilesExist, writeRenditions } from './render-image.ts'
import { mediaDb } from './tables.ts'

/** Bump when the processing of uploads changes (widths, encoders): keys, hence URLs, change with it. */
const UPLOAD_VERSION = 1

const altText = z.string().trim().min(1, 'Décrivez l’image en quelques mots (texte alternatif).').max(300, 'Texte alternatif : 300 caractères au plus.')

export const uploadImageSchema = z.object({
  /** the data folder: files go to <dataDir>/media/uploads/<hash>/ */
  dataDir: z.string().min(1),
  bytes: z.instanceof(Buffer),
  /** the name the browser sent: kept only as data in the audit log, never in a path */
  filename: z.string().optional(),
  alt: z.object({ fr: altText, en: altText }),
})
export type UploadImageInput = z.input<typeof uploadImageSchema>

/** A stored picture (a row of `images`). */
export type StoredImage = {
  id: string
  key: string
  width: number
  height: number
  widths: number[]
  dominantColor: string | null
  alt: { fr: string; en: string }
  createdAt: Date
}

/**
 * Stores an uploaded picture: checks and decodes it by its content (see decodeUpload), renders
 * the widths and formats of the drawn pictures, and inserts its `images` row with an audit entry.
 * The storage key is a hash of the bytes, so the same file uploaded twice is the same image
 * (`created: false`, its first alt texts kept) and a file name never reaches the file system.
 */
export async function uploadImage(ctx: Ctx, input: UploadImageInput): Promise<StoredImage & { created: boolean }> {
  const parsed = uploadImageSchema.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join(' '))
  const { dataDir, bytes, filename, alt } = parsed.data
  assertUploadSize(bytes)
  const digest = createHash('sha256').update(`lakou-upload-v${UPLOAD_VERSION}\n`).update(bytes).digest('hex')
  const key = `uploads/${digest.slice(0, 32)}`
  const dir = path.join(dataDir, 'media', key)

  const known = await findImage(ctx, key)
  if (known && (await imageFilesExist(dir, known.widths))) return { ...known, created: false }
  const picture = await decodeUpload(bytes, PRODUCT_WIDTHS)
  // files first: a row never points at missing files (files without a row are reused by a retry)
  await writeRenditions(picture.base, dir, picture.widths, picture.aspect)
  if (known) return { ...known, created: false }

  return inTransaction(ctx, async (tx) => {
    const row = await mediaDb(tx.db)
      .insertInto('images')
      .values({
        id: newId('img', ctx.now.getTime()),
        storage_key: key,
        width: picture.base.width,
        height: picture.base.height,
        widths: picture.widths,
        dominant_color: picture.dominantColor,
        alt_fr: alt.fr,
        alt_en: alt.en,
        created_at: ctx.now,
      })
      .onConflict((oc) => oc.column('storage_key').doNothing())
      .returningAll()
      .executeTakeFirst()
    if (!row) return { ...(await findImage(tx, key))!, created: false } // the same bytes, uploaded at the same moment
    await recordAudit(tx, {
      action: 'media.image_uploaded',
      entityType: 'image',
      entityId: row.id,
      after: {
        key,
        format: picture.format,
        bytes: bytes.length,
        original: picture.original,
        widths: picture.widths,
        originalName: safeOriginalName(filename),
        alt,
      },
    })
    return { ...toStoredImage(row), created: true }
  })
}

/** The stored picture with this id, or null. */
export async function getImage(ctx: Ctx, id: string): Promise<StoredImage | null> {
  const row = await mediaDb(ctx.db).selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toStoredImage(row) : null
}

async function findImage(ctx: Ctx, key: string): Promise<StoredImage | null> {
  const row = await mediaDb(ctx.db).selectFrom('images').selectAll().where('storage_key', '=', key).executeTakeFirst()
  return row ? toStoredImage(row) : null
}

type ImageRow = { id: string; storage_key: string; width: number; height: number; widths: number[]; dominant_color: string | null; alt_fr: string; alt_en: string; created_at: Date }

function toStoredImage(r: ImageRow): StoredImage {
  return { id: r.id, key: r.storage_key, width: r.width, height: r.height, widths: r.widths, dominantColor: r.dominant_color, alt: { fr: r.alt_fr, en: r.alt_en }, createdAt: r.created_at }
}

/** The last segment of a client file name, without control characters, at most 120 characters; null if nothing is left. */
export function safeOriginalName(filename: string | undefined): string | null {
  const last = (filename ?? '').split(/[\\/]/).pop() ?? ''
  const clean = last.normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/^[.\s]+/, '').trim().slice(0, 120)
  return clean || null
}
