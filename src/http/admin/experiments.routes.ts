import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import {
  analyseExperiment, decisionsOf, getExperiment, listExperiments, recordDecision, refreshExperimentVisitors, saveExperiment, searchJournal,
  startExperiment, stopExperiment, type Experiment, type FieldError, type SaveExperimentInput,
} from '../../modules/experiments/index.ts'
import { rollupFreshness } from '../../modules/experiments/refresh-visitors.ts'
import { ExperimentAnalysisPage } from '../../web/admin/experiment-analysis-page.tsx'
import { EMPTY_EXPERIMENT, experimentFormValues, ExperimentFormPage, VARIANT_ROWS, type ExperimentFormValues } from '../../web/admin/experiment-form-page.tsx'
import { ExperimentJournalPage, ExperimentListPage } from '../../web/admin/experiment-list-page.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { clearPageCaches } from '../pages/page-cache.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, many, sendAdmin } from './admin-kit.ts'

const FLASH = { saved: 'L’expérience est enregistrée.', started: 'L’expérience a démarré : les visiteurs voient leur variante.', stopped: 'L’expérience est arrêtée : tout le monde voit le témoin.', decided: 'La décision est consignée dans le journal.' }
/** events a page load may roll up itself (a few hundred ms at most); the minute job does the rest */
const PAGE_CATCH_UP_EVENTS = 5_000
const idParams = z.object({ id: z.string().min(1).max(64) })
const JournalQuery = z.object({ q: z.string().max(200).optional().catch(undefined) })

const text = (b: Record<string, unknown>, k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '')
const decimal = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')))

/** 'a=b; c=true' → { a: 'b', c: true } (true/false become booleans). */
function settingsOf(s: string): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  for (const part of s.split(';')) {
    const i = part.indexOf('=')
    if (i < 0) continue
    const k = part.slice(0, i).trim()
    const v = part.slice(i + 1).trim()
    if (k) out[k] = v === 'true' ? true : v === 'false' ? false : v
  }
  return out
}

/** The form as the module's input; empty variant rows are skipped. */
function inputOf(b: Record<string, unknown>): SaveExperimentInput {
  const variants = Array.from({ length: VARIANT_ROWS }, (_, i) => i)
    .filter((i) => text(b, `v${i}_key`).trim() || text(b, `v${i}_name`).trim() || text(b, `v${i}_weight`).trim())
    .map((i) => ({ key: text(b, `v${i}_key`), name: text(b, `v${i}_name`), weight: decimal(text(b, `v${i}_weight`)) ?? Number.NaN, config: settingsOf(text(b, `v${i}_config`)) }))
  return {
    key: text(b, 'key'), name: text(b, 'name'), hypothesis: text(b, 'hypothesis'), kind: text(b, 'kind') as 'experiment', surface: text(b, 'surface') as 'flag',
    targeting: { markets: many(b.markets) as never, devices: many(b.devices) as never, visitor: (text(b, 'visitor') || 'all') as 'all' },
    primaryMetric: (text(b, 'primaryMetric') || null) as 'conversion' | null, guardrailMetrics: many(b.guardrailMetrics) as never,
    baselineRate: decimal(text(b, 'baselineRate')), mde: decimal(text(b, 'mde')), alpha: decimal(text(b, 'alpha')) ?? 0.05, power: decimal(text(b, 'power')) ?? 0.8,
    variants,
  }
}

/** Module field paths → form field names ('variants.1.config' → 'v1_config', 'targeting.markets.0' → 'markets'). */
function formErrorsOf(err: unknown): FormErrors | null {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED' || !Array.isArray(err.details)) return null
  const errors: FormErrors = {}
  for (const e of err.details as FieldError[]) {
    const v = /^variants\.(\d+)\.(\w+)/.exec(e.path)
    const field = v ? `v${v[1]}_${v[2]}` : e.path.startsWith('targeting.') ? e.path.split('.')[1]! : e.path.split('.')[0] || 'form'
    errors[field] ??= e.message
  }
  return errors
}

/**
 * The analysis page's data (also timed by scripts/bench-experiments.ts). Bounded catch-up: one small
 * batch, none while the job holds the roll-up (the job does the rest); the page says how fresh the
 * figures are. The analysis reads only experiment_daily.
 */
export async function analysisPageData(ctx: Ctx, e: Experiment) {
  await refreshExperimentVisitors(ctx, { maxBatches: 1, batchSize: PAGE_CATCH_UP_EVENTS, skipIfBusy: true })
  const [analysis, decisions, freshness] = await Promise.all([analyseExperiment(ctx, e), decisionsOf(ctx, e.id), rollupFreshness(ctx)])
  return { analysis, decisions, freshness }
}

/** /admin/experiences: experiments and feature flags, their analysis, start/stop, the decision journal. */
export function registerExperimentRoutes(app: App, deps: RouteDeps): void {
  const experimentOr404 = async (req: FastifyRequest, id: string): Promise<Experiment> => {
    const e = await getExperiment(req.ctx, id)
    if (!e) throw new AppError('NOT_FOUND', 'Cette expérience n’existe pas.')
    return e
  }
  const analysisPage = async (req: FastifyRequest, reply: FastifyReply, e: Experiment, extra: { errors?: FormErrors; message?: string; values?: Record<string, string> } = {}, status = 200) => {
    const data = await analysisPageData(req.ctx, e)
    return sendAdmin(reply, h(ExperimentAnalysisPage, { view: adminView(req, reply, deps), experiment: e, ...data, flash: flashOf(req, FLASH), ...extra }), status)
  }
  const formPage = (req: FastifyRequest, reply: FastifyReply, e: Experiment | null, values: ExperimentFormValues, errors?: FormErrors, message?: string, status = 200) =>
    sendAdmin(reply, h(ExperimentFormPage, { view: adminView(req, reply, deps), experiment: e, values, errors, message }), status)
  const save = async (req: FastifyRequest, reply: FastifyReply, e: Experiment | null) => {
    const body = formBody(req)
    const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)])) as ExperimentFormValues
    try {
      const version = Number(text(body, 'version'))
      const saved = await saveExperiment(req.ctx, { ...inputOf(body), experimentId: e?.id ?? null, expectedVersion: e && Number.isInteger(version) && version > 0 ? version : null })
      return reply.redirect(`/admin/experiences/${saved.id}?ok=saved`, 303)
    } catch (err) {
      const errors = formErrorsOf(err)
      if (errors) return formPage(req, reply, e, values, errors, undefined, 400)
      if (err instanceof AppError && err.code === 'CONFLICT') return formPage(req, reply, e, values, {}, err.message, 409)
      throw err
    }
  }

  app.get('/admin/experiences', { config: { permission: 'dashboard.view' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(ExperimentListPage, { view: adminView(req, reply, deps), experiments: await listExperiments(req.ctx), flash: flashOf(req, FLASH) })),
  )
  app.get('/admin/experiences/journal', { config: { permission: 'dashboard.view' }, schema: { hide: true, querystring: JournalQuery } }, async (req, reply) => {
    const q = req.query.q?.trim() ?? ''
    return sendAdmin(reply, h(ExperimentJournalPage, { view: adminView(req, reply, deps), q, entries: await searchJournal(req.ctx, q) }))
  })
  app.get('/admin/experiences/nouvelle', { config: { permission: 'experiments.manage' }, schema: { hide: true } }, async (req, reply) => formPage(req, reply, null, EMPTY_EXPERIMENT))
  app.post('/admin/experiences', { config: { permission: 'experiments.manage' }, schema: { hide: true } }, async (req, reply) => save(req, reply, null))
  app.get('/admin/experiences/:id', { config: { permission: 'dashboard.view' }, schema: { hide: true, params: idParams } }, async (req, reply) => analysisPage(req, reply, await experimentOr404(req, req.params.id)))
  app.get('/admin/experiences/:id/modifier', { config: { permission: 'experiments.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const e = await experimentOr404(req, req.params.id)
    if (e.status === 'stopped') return reply.redirect(`/admin/experiences/${e.id}`, 303)
    return formPage(req, reply, e, experimentFormValues(e))
  })
  app.post('/admin/experiences/:id', { config: { permission: 'experiments.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => save(req, reply, await experimentOr404(req, req.params.id)))
  app.post('/admin/experiences/:id/demarrer', { config: { permission: 'experiments.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const e = await experimentOr404(req, req.params.id)
    try {
      await startExperiment(req.ctx, e.id)
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'CONFLICT')) throw err
      return analysisPage(req, reply, e, { errors: formErrorsOf(err) ?? {}, message: err.message }, err.status)
    }
    clearPageCaches() // pages cached before the start must not be served to visitors now in a variant
    return reply.redirect(`/admin/experiences/${e.id}?ok=started`, 303)
  })
  app.post('/admin/experiences/:id/arreter', { config: { permission: 'experiments.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const e = await experimentOr404(req, req.params.id)
    const body = formBody(req)
    const values = { decision: text(body, 'decision'), learning: text(body, 'learning') }
    try {
      await stopExperiment(req.ctx, e.id, { decision: (values.decision || null) as 'ship' | null, learning: values.learning })
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'CONFLICT')) throw err
      return analysisPage(req, reply, e, { errors: formErrorsOf(err) ?? {}, message: err.message, values }, err.status)
    }
    clearPageCaches()
    return reply.redirect(`/admin/experiences/${e.id}?ok=stopped`, 303)
  })
  app.post('/admin/experiences/:id/decision', { config: { permission: 'experiments.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const e = await experimentOr404(req, req.params.id)
    const body = formBody(req)
    const values = { decision: text(body, 'decision'), learning: text(body, 'learning') }
    try {
      await recordDecision(req.ctx, e.id, values)
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'CONFLICT')) throw err
      return analysisPage(req, reply, e, { errors: formErrorsOf(err) ?? {}, message: err.message, values }, err.status)
    }
    return reply.redirect(`/admin/experiences/${e.id}?ok=decided`, 303)
  })
}
