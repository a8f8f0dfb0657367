import type { OutboxEmail, OutboxEmailSummary } from '../../modules/notifications/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { type Column, DataTable, dateTime, ErrorSummary, type FormErrors, Pager, SelectField, type TableState, TextField } from './kit.tsx'
import { EMAIL_STATUS_LABELS, label, TEMPLATE_LABELS } from './order-labels.ts'

export type OutboxResult = { rows: OutboxEmailSummary[]; total: number; totalCapped: boolean; page: number; pageSize: number }

const options = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([value, text]) => ({ value, label: text }))

/** The e-mail outbox: what was sent, kept (no SMTP) or failed, newest first; filters in the URL. */
export function OutboxListPage(p: { view: AdminView; result: OutboxResult; state: TableState; errors?: FormErrors }) {
  const q = p.state.query
  const columns: Column<OutboxEmailSummary>[] = [
    { key: 'created', label: 'Créé le', cell: (m) => dateTime(m.createdAt) },
    { key: 'to', label: 'Destinataire', cell: (m) => m.to },
    { key: 'template', label: 'Modèle', cell: (m) => label(TEMPLATE_LABELS, m.template) },
    { key: 'subject', label: 'Sujet', cell: (m) => <a href={`/admin/emails/${m.id}`}>{m.subject ?? '(pas encore rendu)'}</a> },
    { key: 'status', label: 'État', cell: (m) => <>{label(EMAIL_STATUS_LABELS, m.status)}{m.lastError ? <><br /><small>{m.lastError.slice(0, 120)}</small></> : null}</> },
    { key: 'attempts', label: 'Tentatives', align: 'end', cell: (m) => m.attempts },
  ]
  const r = p.result
  return (
    <AdminLayout view={p.view} title="E-mails">
      <ErrorSummary errors={p.errors ?? {}} />
      <form method="get" action="/admin/emails" class="filters" role="search" aria-label="Filtrer les e-mails">
        <SelectField name="statut" label="État" value={q.statut} blank="Tous" options={options(EMAIL_STATUS_LABELS)} error={p.errors?.statut} />
        <SelectField name="modele" label="Modèle" value={q.modele} blank="Tous" options={options(TEMPLATE_LABELS)} error={p.errors?.modele} />
        <TextField name="q" label="Destinataire ou sujet" type="search" value={q.q} error={p.errors?.q} maxLength={120} />
        <button type="submit" class="primary">Filtrer</button>
      </form>
      <p role="status">{r.totalCapped ? `Plus de ${r.total.toLocaleString('fr-FR')} e-mails` : `${r.total.toLocaleString('fr-FR')} e-mail${r.total > 1 ? 's' : ''}`}</p>
      <DataTable caption="E-mails" columns={columns} rows={r.rows} state={p.state} rowKey={(m) => m.id} empty="Aucun e-mail ne correspond." />
      <Pager state={p.state} page={r.page} pageSize={r.pageSize} shown={r.rows.length} total={r.totalCapped ? null : r.total} hasMore={r.totalCapped ? r.rows.length === r.pageSize : r.page * r.pageSize < r.total} />
    </AdminLayout>
  )
}

/**
 * One e-mail as it was rendered: the text as text, the HTML only inside a sandboxed frame whose
 * own document forbids scripts (its CSP), never mixed into this page; its code, escaped, below.
 */
export function OutboxEmailPage(p: { view: AdminView; email: OutboxEmail }) {
  const m = p.email
  return (
    <AdminLayout view={p.view} title={m.subject ?? 'E-mail pas encore rendu'}>
      <p><a href="/admin/emails">← Tous les e-mails</a></p>
      <dl class="facts">
        <dt>Destinataire</dt><dd>{m.to} · langue {m.locale}</dd>
        <dt>Modèle</dt><dd>{label(TEMPLATE_LABELS, m.template)}</dd>
        <dt>État</dt><dd>{label(EMAIL_STATUS_LABELS, m.status)} · {m.attempts} tentative{m.attempts > 1 ? 's' : ''}</dd>
        <dt>Créé le</dt><dd>{dateTime(m.createdAt)}</dd>
        <dt>Traité le</dt><dd>{dateTime(m.processedAt)}</dd>
        {m.lastError ? <><dt>Dernière erreur</dt><dd>{m.lastError}</dd></> : null}
      </dl>
      {m.html === null && m.text === null ? <p>Cet e-mail est en file d’envoi : il est rendu au moment de l’envoi.</p> : null}
      {m.html !== null ? (
        <section class="panel" aria-labelledby="apercu">
          <h2 id="apercu">Aperçu</h2>
          <iframe class="email-preview" title={`Aperçu de l’e-mail « ${m.subject ?? ''} »`} sandbox="" src={`/admin/emails/${m.id}/apercu`} loading="lazy"></iframe>
          <details>
            <summary>Code HTML</summary>
            <pre class="email-code">{m.html}</pre>
          </details>
        </section>
      ) : null}
      {m.text !== null ? (
        <section class="panel" aria-labelledby="texte">
          <h2 id="texte">Version texte</h2>
          <pre class="email-code">{m.text}</pre>
        </section>
      ) : null}
    </AdminLayout>
  )
}
