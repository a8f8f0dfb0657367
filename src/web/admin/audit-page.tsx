import type { AuditRow } from '../../modules/audit/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { dateTime, Pager, type TableState, TextField } from './kit.tsx'

const json = (v: unknown): string => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 1))

/** The audit log: who did what, when, on which record, before and after; filters in the URL. */
export function AuditLogPage(p: { view: AdminView; rows: AuditRow[]; hasMore: boolean; page: number; pageSize: number; state: TableState }) {
  const q = p.state.query
  return (
    <AdminLayout view={p.view} title="Journal d’audit">
      <form method="get" action="/admin/journal" class="filters" role="search">
        <TextField name="qui" label="Qui (e-mail)" value={q.qui} />
        <TextField name="action" label="Action (début)" value={q.action} hint="ex. catalog. ou orders.refunded" />
        <TextField name="objet" label="Type d’objet" value={q.objet} hint="product, order, staff…" />
        <TextField name="id" label="Identifiant" value={q.id} />
        <TextField name="du" label="Du" type="date" value={q.du} />
        <TextField name="au" label="Au" type="date" value={q.au} />
        <button type="submit">Filtrer</button>
      </form>
      <div class="table-wrap" role="region" aria-label="Entrées du journal" tabIndex={0}>
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">Quand</th>
              <th scope="col">Qui</th>
              <th scope="col">Action</th>
              <th scope="col">Objet</th>
              <th scope="col">Avant</th>
              <th scope="col">Après</th>
              <th scope="col">Motif</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 ? (
              <tr>
                <td colSpan={7} class="empty">Aucune entrée.</td>
              </tr>
            ) : (
              p.rows.map((r) => (
                <tr>
                  <td>{dateTime(r.at)}</td>
                  <td>{r.actorLabel}</td>
                  <td><code>{r.action}</code></td>
                  <td>
                    {r.entityType} <code>{r.entityId}</code>
                  </td>
                  <td><pre>{json(r.before)}</pre></td>
                  <td><pre>{json(r.after)}</pre></td>
                  <td>{r.reason ?? ''}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager state={p.state} page={p.page} pageSize={p.pageSize} shown={p.rows.length} hasMore={p.hasMore} />
    </AdminLayout>
  )
}
