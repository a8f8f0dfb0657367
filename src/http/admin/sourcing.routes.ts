import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import {
  addAgreement, addPipelineNote, getApplication, getProducerFile, listApplications, moveProducer, readStoredDocument, scoreProducer,
  type ApplicationDetail,
} from '../../modules/sourcing/index.ts'
import { imageUrl } from '../../modules/media/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { SourcingDetailPage, type SourcingForm, type SourcingFormState } from '../../web/admin/sourcing-detail-page.tsx'
import { SourcingListPage } from '../../web/admin/sourcing-list-page.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, sendAdmin } from './admin-kit.ts'

const FLASH = { scored: 'Les notes sont enregistrées.', noted: 'La note est ajoutée à l’historique.', moved: 'Le producteur a changé d’étape.', agreement: 'L’accord est ajouté.' }
const idParams = z.object({ id: z.string().min(1).max(64) })
const fileParams = z.object({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) })
const s = (b: Record<string, unknown>, k: string): string => (typeof b[k] === 'string' ? (b[k] as string) : '')

/** Module field paths → the form's field names (some differ so the page's forms never share an id). */
const FIELD_NAMES: Record<string, string> = { note: 'note', commissionPct: 'commissionPct' }
function errorsOf(err: unknown, rename: Record<string, string> = {}): { errors: FormErrors; message?: string } | null {
  if (!(err instanceof AppError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'CONFLICT')) return null
  const errors: FormErrors = {}
  const details = Array.isArray(err.details) ? (err.details as { path?: unknown; message?: unknown }[]) : []
  for (const d of details) if (typeof d.path === 'string' && typeof d.message === 'string') errors[rename[d.path] ?? FIELD_NAMES[d.path] ?? d.path] ??= d.message
  return err.code === 'CONFLICT' || !Object.keys(errors).length ? { errors, message: err.message } : { errors }
}

/** Sourcing: the pipeline of applications and producers, one producer's grid, moves, notes and agreements. */
export function registerSourcingAdminRoutes(app: App, deps: RouteDeps): void {
  const detailOr404 = async (req: FastifyRequest, id: string): Promise<ApplicationDetail> => {
    const d = await getApplication(req.ctx, id)
    if (!d) throw new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
    return d
  }
  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, state?: SourcingFormState, status = 200) =>
    sendAdmin(reply, h(SourcingDetailPage, { view: adminView(req, reply, deps), d: await detailOr404(req, id), state, flash: state ? null : flashOf(req, FLASH) }), status)

  /** Runs a write; its refusal re-renders the page with the form's values and errors (400/409). */
  const write = async (req: FastifyRequest, reply: FastifyReply, form: SourcingForm, values: Record<string, string>, run: () => Promise<unknown>, ok: string, anchor: string, rename: Record<string, string> = {}) => {
    const id = (req.params as { id: string }).id
    await detailOr404(req, id)
    try {
      await run()
    } catch (err) {
      const e = errorsOf(err, rename)
      if (!e) throw err
      return page(req, reply, id, { form, values, errors: e.errors, message: e.message }, (err as AppError).status)
    }
    return reply.redirect(`/admin/candidatures/${id}?ok=${ok}#${anchor}`, 303)
  }

  app.get('/admin/candidatures', { config: { permission: 'supply.read' }, schema: { hide: true } }, async (req, reply) => {
    const raw = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>
    const input = { status: raw.statut || undefined, q: raw.q || undefined, sort: raw.sort, dir: raw.dir }
    const list = await listApplications(req.ctx, input)
    const sort = ['date', 'score', 'name'].includes(raw.sort ?? '') ? raw.sort : 'date'
    const state = { path: '/admin/candidatures', query: raw, sort, dir: raw.dir === 'asc' ? ('asc' as const) : ('desc' as const) }
    return sendAdmin(reply, h(SourcingListPage, { view: adminView(req, reply, deps), list, state, status: raw.statut, q: raw.q }))
  })

  app.get('/admin/candidatures/:id', { config: { permission: 'supply.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => page(req, reply, req.params.id))

  // Documents are never public: only this guarded route reads them, as a download.
  app.get('/admin/candidatures/:id/fichiers/:fileId', { config: { permission: 'supply.read' }, schema: { hide: true, params: fileParams } }, async (req, reply) => {
    const f = await getProducerFile(req.ctx, req.params.id, req.params.fileId)
    if (!f) throw new AppError('NOT_FOUND', 'Ce fichier n’existe pas.')
    if (f.kind === 'photo' && f.image_widths?.length) return reply.redirect(imageUrl(f.storage_key, Math.max(...f.image_widths), 'jpg'), 303)
    const bytes = await readStoredDocument(deps.config.dataDir, f.storage_key)
    if (!bytes) throw new AppError('NOT_FOUND', 'Ce fichier n’est plus sur le disque.')
    const ascii = f.file_name.replace(/[^A-Za-z0-9._ -]/g, '_')
    return reply.type('application/pdf').header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.file_name)}`).send(bytes)
  })

  app.post('/admin/candidatures/:id/scores', { config: { permission: 'supply.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const body = formBody(req)
    const values = Object.fromEntries(Object.keys(body).filter((k) => /^(score|note)_[a-z_]{2,40}$/.test(k)).map((k) => [k, s(body, k)]))
    const scores: Record<string, { score: string; note: string }> = {}
    for (const k of Object.keys(values)) if (k.startsWith('score_')) scores[k.slice(6)] = { score: values[k]!, note: values[`note_${k.slice(6)}`] ?? '' }
    return write(req, reply, 'scores', values, () => scoreProducer(req.ctx, { producerId: req.params.id, scores }), 'scored', 'grille')
  })

  app.post('/admin/candidatures/:id/notes', { config: { permission: 'supply.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const values = { note: s(formBody(req), 'note') }
    return write(req, reply, 'note', values, () => addPipelineNote(req.ctx, { producerId: req.params.id, note: values.note }), 'noted', 'notes')
  })

  app.post('/admin/candidatures/:id/etape', { config: { permission: 'supply.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const b = formBody(req)
    const values = { to: s(b, 'to'), move_note: s(b, 'move_note'), from: s(b, 'from') }
    return write(req, reply, 'move', values, () => moveProducer(req.ctx, { producerId: req.params.id, to: values.to as never, note: values.move_note, from: values.from || undefined }), 'moved', 'etape', { note: 'move_note' })
  })

  app.post('/admin/candidatures/:id/accords', { config: { permission: 'supply.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const b = formBody(req)
    const values = Object.fromEntries(['validFrom', 'model', 'paymentTermsType', 'paymentTermsDays', 'commissionPct', 'incoterm', 'agreement_note'].map((k) => [k, s(b, k)]))
    return write(req, reply, 'agreement', values, () => addAgreement(req.ctx, {
      producerId: req.params.id, validFrom: values.validFrom!, model: values.model as never, paymentTermsType: values.paymentTermsType as never,
      paymentTermsDays: values.paymentTermsDays!, commissionPct: values.commissionPct, incoterm: values.incoterm, note: values.agreement_note,
    }), 'agreement', 'accords', { note: 'agreement_note' })
  })
}
