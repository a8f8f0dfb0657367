import { stringify } from 'csv-stringify/sync'
import { h } from 'preact'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { dayIn } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { addDays, computeBreakdown, computeFunnel, computeKpis } from '../../modules/analytics/index.ts'
import { shopTimeZone } from '../../modules/invoicing/index.ts'
import { chartTable } from '../../web/charts/chart-figure.tsx'
import type { ChartModel } from '../../web/charts/chart-model.ts'
import { renderChartSvg } from '../../web/charts/render-chart.ts'
import { analysisCharts, directionCards, directionCharts, siteCharts, type KpiCard } from '../../web/admin/dashboard-charts.tsx'
import { BOARDS, DashboardLandingPage, DashboardPage, type BoardId, type BoardSection, type PeriodForm } from '../../web/admin/dashboard-pages.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, sendAdmin } from './admin-kit.ts'

const DAY_MS = 86_400_000
const MAX_DAYS = 731
/** A real calendar day (2026-02-30 is refused, not moved to March). */
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
const optionalDay = (message: string) => z.string().trim().optional().transform((s) => (s ? s : undefined)).refine((s) => s === undefined || isDay(s), message)

const PeriodQuery = z.object({
  du: optionalDay('Indiquez une date de début valide (jj/mm/aaaa).'),
  au: optionalDay('Indiquez une date de fin valide (jj/mm/aaaa).'),
  grain: z.enum(['day', 'week', 'month'], { error: 'Choisissez un pas : jour, semaine ou mois.' }).default('day'),
  attribution: z.enum(['last', 'first'], { error: 'Choisissez le premier ou le dernier contact.' }).default('last'),
})
export type Period = { from: string; to: string; grain: 'day' | 'week' | 'month'; touch: 'last' | 'first' }

/** The period of the query string (default: the last 28 days up to today, the shop's days like the roll-up), or field errors. */
function periodOf(query: unknown, today: string): { ok: true; period: Period; form: PeriodForm } | { ok: false; errors: FormErrors; form: PeriodForm } {
  const raw = Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>
  const typed: PeriodForm = { du: raw.du ?? '', au: raw.au ?? '', grain: raw.grain ?? 'day', attribution: raw.attribution ?? 'last' }
  const parsed = PeriodQuery.safeParse(raw)
  if (!parsed.success) {
    const errors: FormErrors = {}
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message
    return { ok: false, errors, form: typed }
  }
  const to = parsed.data.au ?? today
  const from = parsed.data.du ?? addDays(to, -27)
  const form: PeriodForm = { du: from, au: to, grain: parsed.data.grain, attribution: parsed.data.attribution }
  if (from > to) return { ok: false, errors: { au: 'La date de fin doit suivre la date de début.' }, form: typed }
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_DAYS) return { ok: false, errors: { du: 'La période ne peut dépasser deux ans.' }, form: typed }
  return { ok: true, period: { from, to, grain: parsed.data.grain, touch: parsed.data.attribution }, form }
}

type Board = { sections: { title: string; ids: string[] }[]; models: ChartModel[]; cards?: KpiCard[]; note?: string }

/** A dashboard's charts for a period: the data through the analytics module, then the chart models. */
export async function loadBoard(ctx: Ctx, board: BoardId, p: Period, allowed: ReadonlySet<string>): Promise<Board> {
  const range = { from: p.from, to: p.to }
  if (board === 'site') {
    const [series, byDevice, byMarket] = await Promise.all([
      computeKpis(ctx, { ...range, grain: p.grain, by: 'none', repeat: false }),
      computeBreakdown(ctx, { ...range, by: 'device' }),
      computeBreakdown(ctx, { ...range, by: 'market' }),
    ])
    return { models: siteCharts({ series, byDevice, byMarket }), sections: [
      { title: 'Conversion et navigation', ids: ['conversion', 'ajout-panier', 'clics', 'rebond'] },
      { title: 'Recherche', ids: ['recherche-sans-resultat', 'sortie-recherche'] },
      { title: 'Vitesse réelle (Core Web Vitals)', ids: ['lcp', 'inp', 'cls'] },
      { title: 'Répartition', ids: ['appareils', 'marches'] },
    ] }
  }
  if (board === 'analyse') {
    const [funnel, byChannel, byDevice, byMarket] = await Promise.all([
      computeFunnel(ctx, range),
      computeBreakdown(ctx, { ...range, by: p.touch === 'first' ? 'first_channel' : 'channel' }),
      computeBreakdown(ctx, { ...range, by: 'device' }),
      computeBreakdown(ctx, { ...range, by: 'market' }),
    ])
    return { models: analysisCharts({ funnel, touch: p.touch, byChannel, byDevice, byMarket }), sections: [
      { title: 'Entonnoir', ids: ['entonnoir'] },
      { title: 'Canaux d’acquisition', ids: ['canaux-sessions', 'canaux-conversion'] },
      { title: 'Appareils et marchés', ids: ['appareils', 'marches'] },
    ], ...(p.touch === 'first' ? { note: 'Premier contact : le canal de la toute première visite, connu seulement pour les visiteurs ayant accepté la mesure d’audience.' } : {}) }
  }
  // amounts of money are for the roles that see orders or invoices
  const money = allowed.has('orders.read') || allowed.has('finance.read')
  const data = { series: await computeKpis(ctx, { ...range, grain: p.grain, by: 'none', vitals: false }), money }
  return { models: directionCharts(data), cards: directionCards(data), sections: [{ title: 'Évolution', ids: directionCharts(data).map((m) => m.id) }],
    ...(money ? {} : { note: 'Les montants (chiffre d’affaires, panier moyen) sont réservés aux rôles qui consultent les commandes ou les factures.' }) }
}

/** A number as French spreadsheets read it: no unit, no thousands separator, a decimal comma. */
function csvNumber(unit: ChartModel['unit'], v: number | null): string {
  if (v === null) return ''
  const text = unit === 'percent' || unit === 'euros' ? v.toFixed(2) : unit === 'score' ? String(v) : String(Math.round(v))
  return text.replace('.', ',')
}

const boardParams = z.object({ board: z.string() })
const boardOf = (id: string) => BOARDS.find((b) => b.id === id) ?? null

/** Dashboards (dashboard.view): the landing, one page per audience, each chart as CSV. */
export function registerDashboardRoutes(app: App, deps: RouteDeps): void {
  app.get('/admin/tableaux-de-bord', { config: { permission: 'dashboard.view' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(DashboardLandingPage, { view: adminView(req, reply, deps) })))

  app.get('/admin/tableaux-de-bord/:board', { config: { permission: 'dashboard.view' }, schema: { hide: true, params: boardParams } }, async (req, reply) => {
    const info = boardOf(req.params.board)
    if (!info) throw new AppError('NOT_FOUND', 'Ce tableau de bord n’existe pas.')
    const view = adminView(req, reply, deps)
    const period = periodOf(req.query, dayIn(req.ctx.now, await shopTimeZone(req.ctx)))
    if (!period.ok) return sendAdmin(reply, h(DashboardPage, { view, board: info, form: period.form, errors: period.errors, sections: [] }), 400)
    const board = await loadBoard(req.ctx, info.id, period.period, view.allowed)
    const started = performance.now()
    const byId = new Map(board.models.map((m) => [m.id, m]))
    const sections: BoardSection[] = board.sections.map((s) => ({ title: s.title, charts: s.ids.flatMap((id) => (byId.has(id) ? [{ model: byId.get(id)!, chart: renderChartSvg(byId.get(id)!) }] : [])) }))
    const cards = board.cards?.map((c) => ({ ...c, spark: c.spark.length > 1 ? renderChartSvg({ id: `spark-${c.id}`, title: c.label, description: `Évolution : ${c.label}`, kind: 'sparkline', unit: c.unit, categoryLabel: '', categories: c.spark.map(String), series: [{ name: c.label, values: c.spark }] }) : null }))
    req.log.debug({ board: info.id, renderMs: Math.round(performance.now() - started) }, 'dashboard charts rendered')
    return sendAdmin(reply, h(DashboardPage, { view, board: info, form: period.form, sections, ...(cards ? { cards } : {}), note: board.note ?? null }))
  })

  app.get('/admin/tableaux-de-bord/:board/csv', { config: { permission: 'dashboard.view' }, schema: { hide: true, params: boardParams } }, async (req, reply) => {
    const info = boardOf(req.params.board)
    if (!info) throw new AppError('NOT_FOUND', 'Ce tableau de bord n’existe pas.')
    const period = periodOf(req.query, dayIn(req.ctx.now, await shopTimeZone(req.ctx)))
    if (!period.ok) throw new AppError('VALIDATION_FAILED', Object.values(period.errors).join(' '))
    const chartId = (req.query as Record<string, unknown>).chart
    if (typeof chartId !== 'string' || !chartId) throw new AppError('VALIDATION_FAILED', 'Indiquez le graphique à télécharger (chart=…).')
    const board = await loadBoard(req.ctx, info.id, period.period, adminView(req, reply, deps).allowed)
    const model = board.models.find((m) => m.id === chartId)
    if (!model) throw new AppError('NOT_FOUND', 'Ce graphique n’existe pas sur ce tableau de bord.')
    const table = chartTable(model)
    const csv = stringify([table.headers, ...table.rows.map((r) => [r.label, ...r.cells.map((c) => csvNumber(c.unit, c.value))])], { delimiter: ';', bom: true, record_delimiter: 'windows' })
    const name = `${info.id}-${model.id}-${period.period.from}-${period.period.to}.csv`
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`).send(csv)
  })
}
