import type { ExperimentSummary, JournalEntry } from '../../modules/experiments/index.ts'
import { METRIC_LABELS, SURFACE_LABELS } from './experiment-form-page.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { dateTime } from './kit.tsx'

export const STATUS_LABELS: Record<string, string> = { draft: 'Brouillon', running: 'En cours', stopped: 'Arrêtée' }
export const DECISION_LABELS: Record<string, string> = { ship: 'Déployer', kill: 'Abandonner', iterate: 'Itérer' }

export function ExperimentListPage(p: { view: AdminView; experiments: ExperimentSummary[]; flash?: string | null }) {
  return (
    <AdminLayout view={p.view} title="Expériences" flash={p.flash}>
      <p>
        {mayUse(p.view, 'experiments.manage') ? <><a class="button" href="/admin/experiences/nouvelle">Nouvelle expérience</a> · </> : null}
        <a href="/admin/experiences/journal">Journal des décisions</a>
      </p>
      <div class="table-wrap" role="region" aria-label="Expériences" tabIndex={0}>
        <table>
          <caption>Expériences et drapeaux ({p.experiments.length})</caption>
          <thead><tr><th scope="col">Nom</th><th scope="col">Clé</th><th scope="col">Emplacement</th><th scope="col">Statut</th><th scope="col">Indicateur</th><th scope="col">Visiteurs exposés</th><th scope="col">Démarrée</th></tr></thead>
          <tbody>
            {p.experiments.length === 0 ? <tr><td colSpan={7}>Aucune expérience pour l’instant.</td></tr> : null}
            {p.experiments.map((e) => (
              <tr>
                <td><a href={`/admin/experiences/${e.id}`}>{e.name}</a></td>
                <td><code>{e.key}</code></td>
                <td>{SURFACE_LABELS[e.surface] ?? e.surface}</td>
                <td>{STATUS_LABELS[e.status]}</td>
                <td>{e.primaryMetric ? METRIC_LABELS[e.primaryMetric] : '—'}</td>
                <td>{e.visitors.toLocaleString('fr-FR')}{e.minSamplePerVariant ? ` (min. ${e.minSamplePerVariant.toLocaleString('fr-FR')} par variante)` : ''}</td>
                <td>{dateTime(e.startedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

/** The decision journal with its French full-text search. */
export function ExperimentJournalPage(p: { view: AdminView; q: string; entries: JournalEntry[] }) {
  return (
    <AdminLayout view={p.view} title="Journal des décisions">
      <p><a href="/admin/experiences">← Expériences</a></p>
      <form method="get" action="/admin/experiences/journal" role="search">
        <div class="field">
          <label for="f-q">Chercher dans les hypothèses et les apprentissages</label>
          <input id="f-q" name="q" type="search" value={p.q} maxLength={200} />
        </div>
        <button type="submit">Chercher</button>
      </form>
      <p role="status">{p.entries.length} décision{p.entries.length > 1 ? 's' : ''}{p.q ? ` pour « ${p.q} »` : ''}</p>
      <ol class="journal">
        {p.entries.map((d) => (
          <li>
            <h2><a href={`/admin/experiences/${d.experimentId}`}>{d.name}</a> — {DECISION_LABELS[d.decision] ?? d.decision}</h2>
            <p class="muted">{dateTime(d.decidedAt)}{d.decidedBy ? ` · ${d.decidedBy}` : ''}</p>
            {d.hypothesis ? <p><strong>Hypothèse :</strong> {d.hypothesis}</p> : null}
            <p><strong>Apprentissage :</strong> {d.learning}</p>
          </li>
        ))}
      </ol>
    </AdminLayout>
  )
}
