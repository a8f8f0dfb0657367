import type { PipelineList, PipelineRow } from '../../modules/sourcing/index.ts'
import { PIPELINE_STATUSES, STATUS_LABELS } from '../../modules/sourcing/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { DataTable, ErrorSummary, Kpi, withQuery, type Column, type FormErrors, type TableState } from './kit.tsx'

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'Europe/Paris' })
const SCORE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })

/** The selection pipeline: counts per step (links that filter), search by name, sort by date, score or name. */
export function SourcingListPage(p: { view: AdminView; list: PipelineList; state: TableState; status: string | undefined; q: string | undefined; errors?: FormErrors }) {
  const { list, state } = p
  const columns: Column<PipelineRow>[] = [
    { key: 'name', label: 'Producteur', sort: 'name', cell: (r) => <a href={`/admin/candidatures/${r.id}`}>{r.tradeName}</a> },
    { key: 'code', label: 'Code', cell: (r) => <code>{r.code}</code> },
    { key: 'status', label: 'Étape', cell: (r) => <span class={`badge status-${r.status.toLowerCase()}`}>{STATUS_LABELS[r.status]}</span> },
    { key: 'commune', label: 'Commune', cell: (r) => r.commune ?? '—' },
    { key: 'date', label: 'Reçue le', sort: 'date', cell: (r) => DATE.format(r.submittedAt) },
    { key: 'score', label: 'Note /100', sort: 'score', align: 'end', cell: (r) => (r.score === null ? '—' : `${SCORE.format(r.score)}${r.scored < 6 ? ` (${r.scored} crit.)` : ''}`) },
    { key: 'files', label: 'Fichiers', align: 'end', cell: (r) => r.files },
  ]
  return (
    <AdminLayout view={p.view} title="Candidatures et producteurs">
      <ErrorSummary errors={p.errors ?? {}} />
      <section class="kpis" aria-label="Producteurs par étape">
        {PIPELINE_STATUSES.map((s) => <Kpi label={STATUS_LABELS[s]} value={list.counts[s]} href={withQuery(state.path, state.query, { statut: s, page: null })} />)}
      </section>
      <form method="get" action="/admin/candidatures" class="filters" role="search">
        <div class="field">
          <label for="f-q">Nom, code ou contact</label>
          <input id="f-q" name="q" type="search" value={p.q ?? ''} maxLength={120} />
        </div>
        <div class="field">
          <label for="f-statut">Étape</label>
          <select id="f-statut" name="statut">
            <option value="">Toutes</option>
            {PIPELINE_STATUSES.map((s) => <option value={s} selected={p.status === s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        {state.sort ? <input type="hidden" name="sort" value={state.sort} /> : null}
        {state.dir ? <input type="hidden" name="dir" value={state.dir} /> : null}
        <button type="submit">Filtrer</button>
        {p.q || p.status ? <a href="/admin/candidatures">Tout afficher</a> : null}
      </form>
      <DataTable caption="Producteurs du pipeline" columns={columns} rows={list.rows} state={state} rowKey={(r) => r.id} empty="Aucun producteur ne correspond." />
      {list.rows.length >= list.limit ? <p class="hint">Les {list.limit} premiers seulement : affinez la recherche.</p> : null}
    </AdminLayout>
  )
}
