import { createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { LOCALES, type Locale } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { addApplicationFile, FILES_WINDOW_HOURS, listApplicantFiles, listProductLines, submitApplication, type ApplicationErrorCode } from '../../modules/sourcing/index.ts'
import { APPLICATION_FIELDS, applicationPaths, ProducerApplicationFilesPage, ProducerApplicationPage } from '../../web/storefront/producer-application-page.tsx'
import { csrfToken } from '../plugins/csrf.ts'
import { readUpload } from '../plugins/multipart.ts'
import { sendAccountPage } from './account.routes.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { viewCtx } from './page-kit.ts'

const alternates = (page: (l: Locale) => string) => ({ fr: page('fr'), en: page('en') })

/** The signed link of the thanks page: it lets the applicant (and only them) attach files for 24 hours. */
export function filesToken(secret: string, producerId: string, expiresAt: number): string {
  const sig = createHmac('sha256', secret).update(`producer-application-files|${producerId}|${expiresAt}`).digest('base64url')
  return `${producerId}.${expiresAt}.${sig}`
}

/** The producer id of a valid, unexpired link, else null. */
export function verifyFilesToken(secret: string, token: unknown, now: Date): string | null {
  if (typeof token !== 'string' || token.length > 200) return null
  const [id, exp, sig] = token.split('.')
  if (!id || !exp || !sig || !/^[0-9]{1,12}$/.test(exp) || Number(exp) * 1000 < now.getTime()) return null
  const expected = Buffer.from(filesToken(secret, id, Number(exp)).split('.')[2]!)
  const given = Buffer.from(sig)
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined)
const many = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [])

/** What an upload refusal of the multipart plugin means on this form. */
function uploadProblem(err: unknown): ApplicationErrorCode {
  if (!(err instanceof AppError)) throw err
  if (err.code === 'MEDIA_TOO_LARGE') return 'fileTooLarge'
  if (err.code === 'MEDIA_UPLOAD_INVALID') return 'required'
  throw err
}

const FILE_STATUS: Record<ApplicationErrorCode | 'closed', number> = {
  required: 400, tooLong: 400, siren: 400, email: 400, phone: 400, number: 400, productLines: 400, honeypot: 400,
  fileType: 415, fileTooLarge: 413, tooManyFiles: 409, imageInvalid: 422, closed: 410,
}

/**
 * `/fr/producteurs/candidater` and `/en/producers/apply`: the public application form (CSRF,
 * honeypot, limited per address), then its thanks page with the signed link to attach files.
 */
export function registerProducerApplicationPages(app: App, deps: RouteDeps): void {
  const secret = deps.config.appSecret
  const ipHash = (req: FastifyRequest) => createHmac('sha256', secret).update(`producer-application-ip|${req.ip}`).digest('hex').slice(0, 32)

  for (const l of LOCALES) {
    const form = async (req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string | string[] | undefined>; errors?: Partial<Record<string, ApplicationErrorCode>>; rateLimitedMinutes?: number } = {}, status = 200) =>
      sendAccountPage(reply, h(ProducerApplicationPage, {
        ctx: viewCtx(req, deps, alternates(applicationPaths.form)), csrf: csrfToken(req, reply), values: extra.values ?? {}, errors: extra.errors ?? {},
        lines: await listProductLines(req.ctx), rateLimitedMinutes: extra.rateLimitedMinutes,
      }), status)

    const filesPage = async (req: FastifyRequest, reply: FastifyReply, token: string, extra: { error?: { code: ApplicationErrorCode | 'closed'; name: string }; added?: boolean } = {}, status = 200) => {
      const producerId = verifyFilesToken(secret, token, req.ctx.now)
      const open = producerId ? await listApplicantFiles(req.ctx, producerId) : null
      const error = extra.error && extra.error.code !== 'closed' ? { code: extra.error.code, name: extra.error.name } : undefined
      return sendAccountPage(reply, h(ProducerApplicationFilesPage, {
        ctx: viewCtx(req, deps, alternates(applicationPaths.files)), csrf: csrfToken(req, reply), token, tradeName: open?.tradeName ?? null,
        files: open?.files ?? [], error, added: extra.added ?? false,
      }), open ? status : producerId ? 410 : 404)
    }

    app.get(applicationPaths.form(l), { schema: { hide: true } }, async (req, reply) => form(req, reply))

    app.post(applicationPaths.form(l), { schema: { hide: true } }, async (req, reply) => {
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>
      const values: Record<string, string | string[] | undefined> = Object.fromEntries(APPLICATION_FIELDS.map((k) => [k, str(body[k])]))
      values.productLines = many(body.productLines)
      const result = await submitApplication(req.ctx, { fields: { ...values, website: str(body.website) ?? '' }, ipHash: ipHash(req), locale: l })
      if (result.ok) {
        if (!result.producerId) return reply.redirect(applicationPaths.files(l), 303) // the honeypot: nothing written
        const token = filesToken(secret, result.producerId, Math.floor(req.ctx.now.getTime() / 1000) + FILES_WINDOW_HOURS * 3600)
        return reply.redirect(`${applicationPaths.files(l)}?d=${encodeURIComponent(token)}`, 303)
      }
      if (result.code === 'RATE_LIMITED') {
        reply.header('retry-after', String(result.retryAfterSeconds))
        return form(req, reply, { values, rateLimitedMinutes: Math.ceil(result.retryAfterSeconds / 60) }, 429)
      }
      return form(req, reply, { values, errors: result.errors }, 400)
    })

    app.get(applicationPaths.files(l), { schema: { hide: true } }, async (req, reply) => {
      const q = req.query as Record<string, unknown>
      return filesPage(req, reply, str(q.d) ?? '', { added: q.ok === '1' })
    })

    app.post(applicationPaths.files(l), { config: { upload: true }, schema: { hide: true } }, async (req, reply) => {
      const token = str((req.query as Record<string, unknown>).d) ?? ''
      const producerId = verifyFilesToken(secret, token, req.ctx.now)
      if (!producerId) return filesPage(req, reply, token)
      let upload
      try {
        upload = await readUpload(req)
      } catch (err) {
        const code = uploadProblem(err)
        return filesPage(req, reply, token, { error: { code, name: '' } }, FILE_STATUS[code])
      }
      const r = await addApplicationFile(req.ctx, { producerId, file: { bytes: upload.bytes, filename: upload.filename }, dataDir: deps.config.dataDir })
      if (!r.ok) return filesPage(req, reply, token, { error: { code: r.code, name: r.name } }, FILE_STATUS[r.code])
      return reply.redirect(`${applicationPaths.files(l)}?d=${encodeURIComponent(token)}&ok=1`, 303)
    })
  }
}
