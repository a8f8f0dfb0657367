import { ChartFigure } from '../charts/chart-figure.tsx'
import { formatValue, type ChartModel } from '../charts/chart-model.ts'
import type { RenderedChart } from '../charts/render-chart.ts'
import type { KpiCard } from './dashboard-charts.tsx'
import { ErrorSummary, SelectField, TextField, withQuery, type FormErrors } from './kit.tsx'
import { AdminLayout, type AdminView } from './layout.tsx'

export type BoardId = 'site' | 'analyse' | 'direction'
export type BoardInfo = { id: BoardId; title: string; audience: string; summary: string; roles: readonly string[] }

/** The three dashboards and the roles each is made for (every member with dashboard.view may open them). */
export const BOARDS: readonly BoardInfo[] = [
  { id: 'site', title: 'Expérience sur le site', audience: 'Pôle on-site : UX, e-merchandising, product owner', roles: ['ux_designer', 'e_merchandiser', 'product_owner', 'tech_lead', 'content_manager'],
    summary: 'Conversion, ajout au panier, clics des listes, rebond, recherche et vitesse réelle (Core Web Vitals), par appareil et par marché.' },
  { id: 'analyse', title: 'Analyse des parcours', audience: 'Data analyst, acquisition, CRM', roles: ['data_analyst', 'acquisition_manager', 'crm_manager', 'product_owner'],
    summary: 'Entonnoir visite → commande avec les pertes à chaque étape, sessions et conversion par canal (premier ou dernier contact), par appareil et par marché.' },
  { id: 'direction', title: 'Direction', audience: 'Direction, finance', roles: ['director', 'finance', 'project_manager'],
    summary: 'Chiffre d’affaires, commandes, panier moyen et conversion, comparés à la période précédente.' },
]

export function DashboardLandingPage(p: { view: AdminView }) {
  const mine = (b: BoardInfo) => p.view.staff.roles.some((r) => r === 'administrator' || b.roles.includes(r))
  return (
    <AdminLayout view={p.view} title="Tableaux de bord">
      <div class="todos">
        {[...BOARDS].sort((a, b) => Number(mine(b)) - Number(mine(a))).map((b) => (
          <section class="panel" aria-labelledby={`board-${b.id}`}>
            <h2 id={`board-${b.id}`}><a href={`/admin/tableaux-de-bord/${b.id}`}>{b.title}</a></h2>
            {mine(b) ? <p><span class="badge">Conseillé pour votre rôle</span></p> : null}
            <p>{b.summary}</p>
            <p class="hint">{b.audience}</p>
          </section>
        ))}
      </div>
    </AdminLayout>
  )
}

/** The period form's values as typed (French names in the URL). */
export type PeriodForm = { du: string; au: string; grain: string; attribution?: string | undefined }
export type ShownChart = { model: ChartModel; chart: RenderedChart }
export type BoardSection = { title: string; charts: ShownChart[] }
/** A KPI card with its sparkline drawn (or none with a single period). */
export type ShownCard = Omit<KpiCard, 'spark'> & { spark: RenderedChart | null }

const GRAINS = [{ value: 'day', label: 'Jour' }, { value: 'week', label: 'Semaine' }, { value: 'month', label: 'Mois' }]
const TOUCHES = [{ value: 'last', label: 'Dernier contact' }, { value: 'first', label: 'Premier contact' }]

export function DashboardPage(p: { view: AdminView; board: BoardInfo; form: PeriodForm; errors?: FormErrors; cards?: ShownCard[]; sections: BoardSection[]; note?: string | null }) {
  const path = `/admin/tableaux-de-bord/${p.board.id}`
  const query: Record<string, string | undefined> = { du: p.form.du, au: p.form.au, grain: p.form.grain, attribution: p.board.id === 'analyse' ? p.form.attribution : undefined }
  const errors = p.errors ?? {}
  return (
    <AdminLayout view={p.view} title={`Tableau de bord : ${p.board.title}`}>
      <p><a href="/admin/tableaux-de-bord">← Tous les tableaux de bord</a></p>
      <ErrorSummary errors={errors} />
      <form method="get" action={path} class="filters" aria-label="Période">
        <TextField name="du" label="Du" type="date" value={p.form.du} error={errors.du} />
        <TextField name="au" label="Au" type="date" value={p.form.au} error={errors.au} />
        <SelectField name="grain" label="Pas" value={p.form.grain} options={GRAINS} error={errors.grain} />
        {p.board.id === 'analyse' ? <SelectField name="attribution" label="Attribution des canaux" value={p.form.attribution ?? 'last'} options={TOUCHES} error={errors.attribution} /> : null}
        <button type="submit" class="primary">Afficher</button>
      </form>
      {p.note ? <p class="hint">{p.note}</p> : null}
      {p.cards?.length ? <KpiCards cards={p.cards} /> : null}
      {p.sections.map((s) => (
        <section class="panel" aria-label={s.title}>
          <h2>{s.title}</h2>
          {s.charts.map((c) => <ChartFigure model={c.model} chart={c.chart} csvHref={withQuery(`${path}/csv`, query, { chart: c.model.id })} />)}
        </section>
      ))}
    </AdminLayout>
  )
}

const DELTA = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })

/** Change against the previous range, in words as well as arrow and colour (never colour alone). */
function Delta({ current, previous }: { current: number | null; previous: number | null }) {
  if (current === null || previous === null || previous === 0) return <span class="delta">Pas de comparaison possible</span>
  const change = ((current - previous) / Math.abs(previous)) * 100
  const up = change > 0
  const flat = Math.abs(change) < 0.05
  const colour = flat ? '#5b6570' : up ? '#1f6b2a' : '#a3261b'
  return (
    <span class={`delta ${flat ? 'delta-flat' : up ? 'delta-up' : 'delta-down'}`}>
      {/* the arrow is drawn in SVG: its fill colours it under a CSP without inline styles */}
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
        <text x="7" y="12" text-anchor="middle" font-size="13" fill={colour}>{flat ? '=' : up ? '▲' : '▼'}</text>
      </svg> {`${DELTA.format(change)} %`} {flat ? 'stable' : up ? 'en hausse' : 'en baisse'}
    </span>
  )
}

function KpiCards({ cards }: { cards: ShownCard[] }) {
  return (
    <section class="panel" aria-labelledby="kpi-title">
      <h2 id="kpi-title">Indicateurs de la période</h2>
      <div class="kpis">
        {cards.map((c) => (
          <div class="kpi" id={`kpi-${c.id}`} data-kpi={c.id}>
            <span class="kpi-label">{c.label}</span>
            <span class="kpi-value">{formatValue(c.unit, c.current)}</span>
            <span class="kpi-previous">Période précédente : {formatValue(c.unit, c.previous)}</span>
            <Delta current={c.current} previous={c.previous} />
            {c.spark ? <span class="sparkline" aria-hidden="true" dangerouslySetInnerHTML={{ __html: c.spark.svg }} /> : null}
          </div>
        ))}
      </div>
    </section>
  )
}
