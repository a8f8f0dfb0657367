import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { classifyFiles, MAX_FILES, storeFiles, type IncomingFile } from './application-files.ts'
import type { ApplicationErrorCode } from './application-input.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { sourcingDb } from './tables.ts'

/** How long after submitting an applicant may still attach files (the link on the thanks page). */
export const FILES_WINDOW_HOURS = 24

export type AddFileResult =
  | { ok: true; fileId: string; kind: 'photo' | 'document'; count: number }
  | { ok: false; code: ApplicationErrorCode | 'closed'; name: string }

/** The files an applicant attached so far (thanks page), or null when the window is closed. */
export async function listApplicantFiles(ctx: Ctx, producerId: string): Promise<{ tradeName: string; files: { name: string; kind: 'photo' | 'document' }[] } | null> {
  const app = await openApplication(ctx, producerId)
  if (!app) return null
  const files = await sourcingDb(ctx.db).selectFrom('producer_files').select(['file_name', 'kind']).where('producer_id', '=', producerId).orderBy('created_at').orderBy('id').execute()
  return { tradeName: app.trade_name, files: files.map((f) => ({ name: f.file_name, kind: f.kind })) }
}

/**
 * One photo (JPEG, PNG, WebP: decoded and re-encoded by media) or PDF (by its `%PDF-` signature)
 * attached to an application still in status APPLICANT, within FILES_WINDOW_HOURS of submitting,
 * at most MAX_FILES in all. The caller proved the applicant is the one who submitted (signed link).
 */
export async function addApplicationFile(ctx: Ctx, input: { producerId: string; file: IncomingFile; dataDir: string }): Promise<AddFileResult> {
  const app = await openApplication(ctx, input.producerId)
  if (!app) return { ok: false, code: 'closed', name: '' }
  const classified = classifyFiles([input.file])
  if (classified.problems.length) return { ok: false, ...classified.problems[0]! }
  const file = classified.files[0]!
  const count = await fileCount(ctx, input.producerId)
  if (count >= MAX_FILES) return { ok: false, code: 'tooManyFiles', name: file.name }
  const stored = await storeFiles(ctx, input.dataDir, [file], `Photo jointe à la candidature de ${app.trade_name}`)
  if (stored.problems.length) return { ok: false, ...stored.problems[0]! }
  const s = stored.stored[0]!
  return inTransaction(ctx, async (tx) => {
    // the count again under the producer's lock: two uploads at once cannot pass 8 together
    await sourcingDb(tx.db).selectFrom('producers').select('id').where('id', '=', input.producerId).forUpdate().executeTakeFirst()
    const now = await fileCount(tx, input.producerId)
    if (now >= MAX_FILES) return { ok: false as const, code: 'tooManyFiles' as const, name: s.name }
    const id = newId('pfl')
    await sourcingDb(tx.db).insertInto('producer_files').values({
      id, producer_id: input.producerId, kind: s.kind, purpose: 'application', file_name: s.name, content_type: s.contentType,
      byte_size: s.byteSize, storage_key: s.storageKey, image_id: s.imageId, created_at: ctx.now,
    }).execute()
    await recordAudit(tx, { action: 'sourcing.application_file_added', entityType: 'producer', entityId: input.producerId, after: { fileId: id, kind: s.kind, name: s.name, bytes: s.byteSize } })
    return { ok: true as const, fileId: id, kind: s.kind, count: now + 1 }
  })
}

async function openApplication(ctx: Ctx, producerId: string) {
  const since = new Date(ctx.now.getTime() - FILES_WINDOW_HOURS * 3600_000)
  return sourcingDb(ctx.db).selectFrom('producers as p').innerJoin('producer_applications as a', 'a.producer_id', 'p.id')
    .select(['p.id', 'p.trade_name']).where('p.id', '=', producerId).where('p.status', '=', 'APPLICANT').where('a.submitted_at', '>', since).executeTakeFirst()
}

async function fileCount(ctx: Ctx, producerId: string): Promise<number> {
  const r = await sourcingDb(ctx.db).selectFrom('producer_files').select((eb) => eb.fn.countAll<string>().as('n')).where('producer_id', '=', producerId).executeTakeFirstOrThrow()
  return Number(r.n)
}
