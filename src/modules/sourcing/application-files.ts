import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { uploadImage } from '../media/index.ts'
import type { ApplicationErrorCode } from './application-input.ts'

export const MAX_FILES = 8
export const MAX_FILE_BYTES = 10 * 1024 * 1024
/** Documents live outside media/ (which is served publicly): only the guarded back-office route reads them. */
export const DOCUMENTS_DIR = 'producer-files'

export type IncomingFile = { bytes: Buffer; filename: string }
export type ClassifiedFile = IncomingFile & { kind: 'photo' | 'document'; contentType: string; name: string }
export type FileProblem = { code: ApplicationErrorCode; name: string }

/** The kind of a file by its first bytes (never its name or the MIME type the browser sent). */
export function sniffFile(bytes: Buffer): { kind: 'photo' | 'document'; contentType: string } | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'document', contentType: 'application/pdf' }
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return { kind: 'photo', contentType: 'image/jpeg' }
  if (bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))) return { kind: 'photo', contentType: 'image/png' }
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return { kind: 'photo', contentType: 'image/webp' }
  return null
}

/** A client file name as data: last segment, no control characters, at most 200 characters. */
export function cleanFileName(filename: string, fallback: string): string {
  const last = filename.split(/[\\/]/).pop() ?? ''
  const clean = last.normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/^[.\s]+/, '').trim().slice(0, 200)
  return clean || fallback
}

/** Sorts the files into photos and documents, or says what is wrong with each refused one. */
export function classifyFiles(files: IncomingFile[]): { files: ClassifiedFile[]; problems: FileProblem[] } {
  const problems: FileProblem[] = []
  if (files.length > MAX_FILES) problems.push({ code: 'tooManyFiles', name: '' })
  const out: ClassifiedFile[] = []
  files.forEach((f, i) => {
    const name = cleanFileName(f.filename, `fichier-${i + 1}`)
    if (f.bytes.length > MAX_FILE_BYTES) return void problems.push({ code: 'fileTooLarge', name })
    const sniffed = sniffFile(f.bytes)
    if (!sniffed) return void problems.push({ code: 'fileType', name })
    out.push({ ...f, ...sniffed, name })
  })
  return { files: out, problems }
}

export type StoredFile = { kind: 'photo' | 'document'; name: string; contentType: string; byteSize: number; storageKey: string; imageId: string | null }

/**
 * Stores the files before the application's transaction: photos through media.uploadImage
 * (checked by decoding, stripped of metadata), PDFs on disk keyed by their hash. A file with no
 * row (the application then refused) is harmless and reused by the same bytes later.
 */
export async function storeFiles(ctx: Ctx, dataDir: string, files: ClassifiedFile[], alt: string): Promise<{ stored: StoredFile[]; problems: FileProblem[] }> {
  const stored: StoredFile[] = []
  const problems: FileProblem[] = []
  for (const f of files) {
    if (f.kind === 'document') {
      const hash = createHash('sha256').update(f.bytes).digest('hex')
      const storageKey = `${DOCUMENTS_DIR}/${hash}`
      await fs.mkdir(path.join(dataDir, DOCUMENTS_DIR), { recursive: true })
      await fs.writeFile(path.join(dataDir, storageKey), f.bytes, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err
      })
      stored.push({ kind: 'document', name: f.name, contentType: f.contentType, byteSize: f.bytes.length, storageKey, imageId: null })
      continue
    }
    try {
      const image = await uploadImage(ctx, { dataDir, bytes: f.bytes, filename: f.name, alt: { fr: alt, en: alt } })
      stored.push({ kind: 'photo', name: f.name, contentType: f.contentType, byteSize: f.bytes.length, storageKey: image.key, imageId: image.id })
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err
      problems.push({ code: 'imageInvalid', name: f.name })
    }
  }
  return { stored, problems }
}

/** The bytes of a stored document, or null when the key is not one of ours or the file is gone. */
export async function readStoredDocument(dataDir: string, storageKey: string): Promise<Buffer | null> {
  if (!new RegExp(`^${DOCUMENTS_DIR}/[0-9a-f]{64}$`).test(storageKey)) return null
  return fs.readFile(path.join(dataDir, storageKey)).catch(() => null)
}
