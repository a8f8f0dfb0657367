import type { Analysis, Experiment, JournalEntry, MetricResult } from '../../modules/experiments/index.ts'
import type { RollupFreshness } from '../../modules/experiments/refresh-visitors.ts'
import { METRIC_LABELS, SURFACE_LABELS } from './experiment-form-page.tsx'
import { DECISION_LABELS, STATUS_LABELS } from './experiment-list-page.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { CsrfInput, dateTime, ErrorSummary, euros, SelectField, TextArea, type FormErrors } from './kit.tsx'

const pct = (x: number | null | undefined, digits = 2) => (x == null || !Number.isFinite(x) ? '—' : `${(x * 100).toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`)
const pts = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} pt`
const p4 = (p: number | null | undefined) => (p == null ? '—' : p < 0.0001 ? '< 0,0001' : p.toLocaleString('fr-FR', { maximumFractionDigits: 4 }))

/** An absolute effect in the metric's unit: points of rate, or euros per visitor. */
const absolute = (metric: string, x: number) => (metric === 'revenue_per_visitor' ? `${x >= 0 ? '+' : ''}${euros(x)}` : pts(x))
const interval = (metric: string, ci: readonly [number, number]) => `[${absolute(metric, ci[0])} ; ${absolute(metric, ci[1])}]`

function MetricRows({ r }: { r: MetricResult }) {
  const m = r.metric
  const c = r.comparison
  return (
    <>
      <tr><th scope="row">Effet absolu (IC)</th><td>{c ? `${absolute(m, c.absolute.estimate)} ${interval(m, c.absolute.ci)}` : 'pas encore assez de données'}</td></tr>
      <tr><th scope="row">Effet relatif (IC)</th><td>{c?.relative ? `${pct(c.relative.estimate, 1)} [${pct(c.relative.ci[0], 1)} ; ${pct(c.relative.ci[1], 1)}]` : '—'}</td></tr>
      <tr><th scope="row">p-valeur</th><td>{p4(c?.absolute.pValue)}</td></tr>
      <tr><th scope="row">Chance de battre le témoin</th><td>{r.bayes ? pct(r.bayes.chanceToBeatControl, 1) : '—'}{r.bayes?.uplift ? ` (intervalle crédible de l’effet relatif ${pct(r.bayes.uplift.credibleInterval[0], 1)} ; ${pct(r.bayes.uplift.credibleInterval[1], 1)})` : ''}</td></tr>
      <tr><th scope="row">p-valeur séquentielle (toujours valide)</th><td>{r.sequential ? `${p4(r.sequential.pValue)} — IC ${interval(m, r.sequential.ci)}${r.sequential.significant ? ' — peut être arrêtée' : ''}` : '—'}</td></tr>
      {m === 'revenue_per_visitor' ? (
        <tr><th scope="row">Effet ajusté CUPED (28 jours avant)</th><td>{r.cuped ? `${absolute(m, r.cuped.absolute.estimate)} ${interval(m, r.cuped.absolute.ci)}, p ${p4(r.cuped.absolute.pValue)} — variance × ${r.cuped.varianceReduction.toLocaleString('fr-FR', { maximumFractionDigits: 2 })}` : '—'}</td></tr>
      ) : null}
    </>
  )
}

/** How recent the figures are: the last event included, and what still waits for the job. */
function Freshness({ f }: { f: RollupFreshness }) {
  const waiting = f.pendingEvents > 0
    ? ` — environ ${f.pendingEvents.toLocaleString('fr-FR')} événements plus récents ne sont pas encore comptés (la tâche de fond les intègre chaque minute)`
    : ' — à jour'
  return <>{f.coveredUntil ? `événements reçus jusqu’au ${dateTime(f.coveredUntil)}` : 'aucun événement compté'}{f.lastRunAt ? `, calculés le ${dateTime(f.lastRunAt)}` : ''}{waiting}</>
}

export function ExperimentAnalysisPage(p: { view: AdminView; experiment: Experiment; analysis: Analysis; decisions: JournalEntry[]; freshness: RollupFreshness; flash?: string | null; errors?: FormErrors | undefined; message?: string | null | undefined; values?: Record<string, string> }) {
  const { experiment: e, analysis: a, view } = p
  const canManage = mayUse(view, 'experiments.manage')
  const v = p.values ?? {}
  return (
    <AdminLayout view={view} title={e.name} flash={p.flash}>
      <p><a href="/admin/experiences">← Expériences</a> · <a href="/admin/experiences/journal">Journal des décisions</a></p>
      <ErrorSummary errors={p.errors ?? {}} message={p.message} />
      {a.srm?.srm ? (
        <div class="form-errors srm-alert" role="alert">
          <h2>Alerte : déséquilibre de répartition (SRM)</h2>
          <p>Les visiteurs ne se répartissent pas selon les poids prévus (χ² = {a.srm.chiSquare.toLocaleString('fr-FR', { maximumFractionDigits: 1 })}, p = {p4(a.srm.pValue)}). Les résultats ci-dessous ne sont pas fiables : cherchez la cause (cache, robots, redirection) avant toute décision.</p>
        </div>
      ) : null}
      <dl class="attributes">
        <div><dt>Clé</dt><dd><code>{e.key}</code></dd></div>
        <div><dt>Statut</dt><dd>{STATUS_LABELS[e.status]}{e.startedAt ? ` depuis le ${dateTime(e.startedAt)}` : ''}{e.stoppedAt ? `, arrêtée le ${dateTime(e.stoppedAt)}` : ''}</dd></div>
        <div><dt>Emplacement</dt><dd>{SURFACE_LABELS[e.surface]}</dd></div>
        <div><dt>Hypothèse</dt><dd>{e.hypothesis || '—'}</dd></div>
        <div><dt>Indicateur principal</dt><dd>{e.primaryMetric ? METRIC_LABELS[e.primaryMetric] : 'aucun (obligatoire pour démarrer)'}</dd></div>
        <div><dt>Ciblage</dt><dd>{e.targeting.markets.join(', ') || 'tous marchés'} · {e.targeting.devices.join(', ') || 'tous appareils'} · visiteurs {e.targeting.visitor}</dd></div>
        <div><dt>Échantillon minimal</dt><dd>{a.minSamplePerVariant ? `${a.minSamplePerVariant.toLocaleString('fr-FR')} visiteurs par variante (taux ${pct(e.baselineRate, 1)}, effet ${pct(e.mde, 0)}, α ${e.alpha}, puissance ${e.power})` : 'renseignez le taux de référence et l’effet minimal'}</dd></div>
        <div><dt>Fraîcheur des chiffres</dt><dd><Freshness f={p.freshness} /></dd></div>
        <div><dt>Progression</dt><dd>{a.progress == null ? '—' : <><progress max={1} value={a.progress}>{pct(a.progress, 0)}</progress> {pct(a.progress, 0)}</>}</dd></div>
      </dl>
      {canManage ? (
        <div class="actions">
          {e.status !== 'stopped' ? <a class="button" href={`/admin/experiences/${e.id}/modifier`}>Modifier</a> : null}
          {e.status === 'draft' ? (
            <form method="post" action={`/admin/experiences/${e.id}/demarrer`}><CsrfInput token={view.csrf} /><button type="submit" class="primary">Démarrer</button></form>
          ) : null}
        </div>
      ) : null}

      <div class="table-wrap" role="region" aria-label="Variantes" tabIndex={0}>
        <table>
          <caption>Par variante</caption>
          <thead><tr><th scope="col">Variante</th><th scope="col">Poids</th><th scope="col">Visiteurs</th><th scope="col">Conversions</th><th scope="col">Taux</th><th scope="col">Ajouts au panier</th><th scope="col">CA par visiteur</th><th scope="col">Progression</th></tr></thead>
          <tbody>
            {a.variants.map((x, i) => (
              <tr>
                <th scope="row">{x.name} <code>{x.key}</code>{i === 0 ? ' (témoin)' : ''}</th>
                <td>{x.weight} %</td><td>{x.visitors.toLocaleString('fr-FR')}</td><td>{x.conversions.toLocaleString('fr-FR')}</td><td>{pct(x.conversionRate)}</td>
                <td>{x.addToCarts.toLocaleString('fr-FR')}</td><td>{euros(x.revenuePerVisitorCents)}</td><td>{pct(x.progress, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {a.comparisons.map((c) => (
        <section class="panel" aria-labelledby={`cmp-${c.variantKey}`}>
          <h2 id={`cmp-${c.variantKey}`}>{c.variantKey} contre le témoin</h2>
          {c.primary ? (
            <table class="analysis">
              <caption>Indicateur principal : {METRIC_LABELS[c.primary.metric]}</caption>
              <tbody><MetricRows r={c.primary} /></tbody>
            </table>
          ) : <p>Aucun indicateur principal.</p>}
          {c.guardrails.map((g) => (
            <table class="analysis">
              <caption>Garde-fou : {METRIC_LABELS[g.metric]}</caption>
              <tbody><MetricRows r={g} /></tbody>
            </table>
          ))}
        </section>
      ))}

      <section class="panel" aria-labelledby="decisions-h">
        <h2 id="decisions-h">Décisions</h2>
        {p.decisions.length ? (
          <ul>{p.decisions.map((d) => <li><strong>{DECISION_LABELS[d.decision]}</strong> ({dateTime(d.decidedAt)}{d.decidedBy ? `, ${d.decidedBy}` : ''}) : {d.learning}</li>)}</ul>
        ) : <p>Aucune décision consignée.</p>}
        {canManage && e.status !== 'draft' ? (
          <form method="post" action={`/admin/experiences/${e.id}/${e.status === 'running' ? 'arreter' : 'decision'}`} novalidate>
            <CsrfInput token={view.csrf} />
            <SelectField name="decision" label="Décision" value={v.decision ?? ''} error={p.errors?.decision} blank={e.status === 'running' ? '— plus tard —' : '— à choisir —'} options={Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label }))} />
            <TextArea name="learning" label="Ce que nous avons appris" value={v.learning ?? ''} error={p.errors?.learning} rows={4} maxLength={8000} />
            <button type="submit" class={e.status === 'running' ? 'danger' : 'primary'}>{e.status === 'running' ? 'Arrêter l’expérience' : 'Consigner la décision'}</button>
          </form>
        ) : null}
      </section>
    </AdminLayout>
  )
}
