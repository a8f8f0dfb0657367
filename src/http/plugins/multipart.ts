import type { FastifyRequest } from 'fastify'
import fastifyMultipart from '@fastify/multipart'
import { AppError } from '../../kernel/errors.ts'
import type { App } from '../types.ts'

/** One picture and a few text fields per form: the limits busboy enforces while it reads. */
export const UPLOAD_LIMITS = {
  fileSize: 10 * 1024 * 1024,
  files: 1,
  fields: 20,
  parts: 25,
  fieldSize: 64 * 1024,
  fieldNameSize: 100,
} as const

/** What an upload form sent: the file's bytes, the name the browser gave it (data only), and its text fields. */
export type Upload = { bytes: Buffer; filename: string; fields: Record<string, string> }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** this route takes a multipart upload form: read it before validation (see registerMultipart) */
    upload?: boolean
  }
}

const uploads = new WeakMap<FastifyRequest, Promise<Upload>>()
const noop = () => {}

/**
 * Registers @fastify/multipart with the upload limits. Only `multipart/form-data` requests are
 * concerned: url-encoded forms and JSON keep their own parsers.
 *
 * CSRF: a route declared with `config: { upload: true }` has its multipart body read in a
 * preValidation hook that runs before the CSRF hook (this plugin is registered first, in app.ts):
 * its text fields become `req.body`, so csrf.ts finds `_csrf` as in any url-encoded form, and
 * the zod body schema validates the fields. The file waits in memory (≤ 10 MB) for readUpload.
 * A multipart post to any other route has no body at that point, so it is refused by the CSRF
 * check unless it carries the `x-csrf-token` header.
 */
export async function registerMultipart(app: App): Promise<void> {
  await app.register(fastifyMultipart, { limits: UPLOAD_LIMITS })
  app.addHook('preValidation', async (req) => {
    if (!req.routeOptions.config?.upload || !req.isMultipart()) return
    const reading = collect(req)
    uploads.set(req, reading)
    await reading.then(noop, noop) // a refusal reaches the handler through readUpload
  })
}

/**
 * The upload of this request: `{ bytes, filename, fields }`, or an AppError the handler may show
 * next to the form: MEDIA_TOO_LARGE (over 10 MB), MEDIA_UPLOAD_INVALID (no file, several files,
 * too many or too long fields, a malformed body). The file's content is not checked here: that
 * is media.uploadImage's job, which never trusts the name or the MIME type the browser sent.
 */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  let reading = uploads.get(req)
  if (!reading) {
    if (!req.isMultipart()) throw new AppError('MEDIA_UPLOAD_INVALID', 'Aucun fichier reçu : le formulaire doit être envoyé en multipart/form-data.')
    reading = collect(req)
    uploads.set(req, reading)
  }
  return reading
}

async function collect(req: FastifyRequest): Promise<Upload> {
  const fields: Record<string, string> = {}
  let file: { bytes: Buffer; filename: string } | null = null
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer()
        if (bytes.length === 0 && !part.filename) continue // a file input left empty
        file = { bytes, filename: part.filename }
      } else {
        if (part.fieldnameTruncated || part.valueTruncated) throw new AppError('MEDIA_UPLOAD_INVALID', 'Un champ du formulaire est trop long.')
        // the first value of a name wins (as for `_csrf`: a later copy cannot replace it)
        if (typeof part.value === 'string' && !Object.hasOwn(fields, part.fieldname)) fields[part.fieldname] = part.value
      }
    }
  } catch (err) {
    throw uploadError(err)
  } finally {
    req.body = fields
  }
  if (!file) throw new AppError('MEDIA_UPLOAD_INVALID', 'Aucun fichier reçu : choisissez une image à envoyer.')
  return { ...file, fields }
}

function uploadError(err: unknown): AppError {
  if (err instanceof AppError) return err
  switch ((err as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('MEDIA_TOO_LARGE', `Ce fichier dépasse ${UPLOAD_LIMITS.fileSize / 1024 / 1024} Mo : réduisez la photo avant de l’envoyer.`)
    case 'FST_FILES_LIMIT':
      return new AppError('MEDIA_UPLOAD_INVALID', 'Une seule image à la fois.')
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('MEDIA_UPLOAD_INVALID', 'Ce formulaire a trop de champs.')
    default:
      return new AppError('MEDIA_UPLOAD_INVALID', 'Le formulaire est arrivé incomplet ou mal formé : réessayez.')
  }
}
