import type { ReturnPage, ReturnRow, ReturnStatus, ReturnView } from '../../modules/returns/index.ts'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { type Column, CsrfInput, DataTable, dateTime, ErrorSummary, euros, type FormErrors, Pager, type TableState, TextArea } from './kit.tsx'
import { RETURN_STATUS_LABELS } from './returns-labels.ts'

const badge = (s: string) => <span class={`badge status-${s}`}>{RETURN_STATUS_LABELS[s] ?? s}</span>

/** Columns shared by the agent's and the warehouse's lists. */
export function returnColumns(href: (r: ReturnRow) => string): Column<ReturnRow>[] {
  return [
    { key: 'number', label: 'Retour', cell: (r) => <a href={href(r)}>{r.number}</a> },
    { key: 'order', label: 'Commande', cell: (r) => <>{r.orderNumber}<br /><small>{r.email}</small></> },
    { key: 'requested', label: 'Demandé le', cell: (r) => dateTime(r.requestedAt) },
    { key: 'status', label: 'Statut', cell: (r) => badge(r.status) },
    { key: 'warehouses', label: 'Entrepôt', cell: (r) => r.warehouses.join(', ') || '—' },
    { key: 'units', label: 'Unités', align: 'end', cell: (r) => r.units },
  ]
}

/** Customer service's queue: returns by status (tabs with counts), oldest first. */
export function ReturnListPage(p: { view: AdminView; page: ReturnPage; status: ReturnStatus | null; state: TableState; flash?: string | null }) {
  const tabs: (ReturnStatus | null)[] = ['requested', 'approved', 'received', 'refunded', 'rejected', null]
  return (
    <AdminLayout view={p.view} title="Retours" flash={p.flash}>
      <nav aria-label="Statuts des retours" class="tabs">
        <ul>
          {tabs.map((s) => (
            <li>
              <a href={s ? `/admin/retours?statut=${s}` : '/admin/retours?statut=tous'} aria-current={s === p.status ? 'page' : undefined}>
                {s ? RETURN_STATUS_LABELS[s] : 'tous'} ({s ? p.page.counts[s] : Object.values(p.page.counts).reduce((a, b) => a + b, 0)})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <DataTable caption="Demandes de retour" columns={returnColumns((r) => `/admin/retours/${r.id}`)} rows={p.page.rows} state={p.state} rowKey={(r) => r.id} empty="Aucun retour à ce statut." />
      <Pager state={p.state} page={p.page.page} pageSize={p.page.pageSize} shown={p.page.rows.length} total={p.page.total} />
    </AdminLayout>
  )
}

/** Lines of a return with their lot, warehouse and (once received) what became of them. */
export function ReturnLinesTable({ ret }: { ret: ReturnView }) {
  const received = ret.status === 'received' || ret.status === 'refunded'
  return (
    <div class="table-wrap" role="region" aria-label="Articles du retour" tabIndex={0}>
      <table>
        <caption class="visually-hidden">Articles du retour {ret.number}</caption>
        <thead>
          <tr>
            <th scope="col">Article</th><th scope="col" class="num">Unités</th><th scope="col">Lot</th><th scope="col">Entrepôt</th>
            {received ? <><th scope="col" class="num">Remises en stock</th><th scope="col" class="num">Mises au rebut</th></> : null}
          </tr>
        </thead>
        <tbody>
          {ret.lines.map((l) => (
            <tr>
              <td>{l.name}<br /><small><code>{l.sku}</code></small></td>
              <td class="num">{l.quantity}</td>
              <td>{l.lotCode ?? '—'}{l.bestBefore ? <><br /><small>DDM {l.bestBefore}</small></> : null}</td>
              <td>{l.warehouseCode ?? '—'}</td>
              {received ? <><td class="num">{l.restocked}</td><td class="num">{l.writtenOff}</td></> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The facts of a return: order, reason, decision, receipt, refund. */
export function ReturnFacts({ ret, orderLink }: { ret: ReturnView; orderLink: boolean }) {
  return (
    <dl class="facts">
      <dt>Statut</dt><dd>{badge(ret.status)}</dd>
      <dt>Commande</dt><dd>{orderLink ? <a href={`/admin/commandes/${ret.order.id}`}>{ret.order.number}</a> : ret.order.number} · {ret.order.email}</dd>
      <dt>Demandé le</dt><dd>{dateTime(ret.requestedAt)}</dd>
      <dt>Motif</dt><dd>{ret.reason}</dd>
      {ret.decidedAt ? <><dt>Décision</dt><dd>{dateTime(ret.decidedAt)}{ret.decisionNote ? ` — ${ret.decisionNote}` : ''}</dd></> : null}
      {ret.receivedAt ? <><dt>Reçu le</dt><dd>{dateTime(ret.receivedAt)}</dd></> : null}
      {ret.refundedAt ? <><dt>Remboursé</dt><dd>{euros(ret.refundAmount)} le {dateTime(ret.refundedAt)}</dd></> : null}
      <dt>Adresse de retour</dt><dd>{ret.warehouses.map((w) => `${w.name}, ${w.postalCode} ${w.commune}`).join(' ; ') || '—'}</dd>
    </dl>
  )
}

export type DecisionForm = { errors: FormErrors; values: { decision: string; note: string }; message?: string | null }

/** One return for customer service, with the decision form while it waits for one. */
export function ReturnDetailPage(p: { view: AdminView; ret: ReturnView; form?: DecisionForm | undefined; flash?: string | null }) {
  const { ret, view } = p
  const f = p.form ?? { errors: {}, values: { decision: '', note: '' } }
  return (
    <AdminLayout view={view} title={`Retour ${ret.number}`} flash={p.flash}>
      <p><a href="/admin/retours">← Tous les retours</a></p>
      <section class="panel" aria-labelledby="resume"><h2 id="resume">Résumé</h2><ReturnFacts ret={ret} orderLink={mayUse(view, 'orders.read')} /></section>
      <section class="panel" aria-labelledby="articles"><h2 id="articles">Articles</h2><ReturnLinesTable ret={ret} /></section>
      {ret.status === 'requested' ? (
        <section class="panel" aria-labelledby="decision">
          <h2 id="decision">Décision</h2>
          <ErrorSummary errors={f.errors} message={f.message} />
          <form method="post" action={`/admin/retours/${ret.id}/decision`} novalidate>
            <CsrfInput token={view.csrf} />
            <fieldset class={f.errors.decision ? 'field has-error' : 'field'} id="f-decision">
              <legend>Accepter ou refuser</legend>
              {f.errors.decision ? <p class="error" id="f-decision-error">{f.errors.decision}</p> : null}
              <label class="check"><input type="radio" name="decision" value="approved" checked={f.values.decision === 'approved'} /> Accepter : le client reçoit l’adresse de l’entrepôt et le numéro de retour</label>
              <label class="check"><input type="radio" name="decision" value="rejected" checked={f.values.decision === 'rejected'} /> Refuser : la note ci-dessous est envoyée au client</label>
            </fieldset>
            <TextArea name="note" label="Note au client" hint="Obligatoire pour un refus ; envoyée telle quelle." value={f.values.note} error={f.errors.note} rows={4} maxLength={2000} />
            <button type="submit" class="primary">Enregistrer la décision</button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  )
}
