import type { AdminView } from './layout.tsx'
import { CsrfInput, dateTime, euros } from './kit.tsx'
import type { FormState } from './order-actions.tsx'
import type { OrderDesk } from './order-detail-page.tsx'
import { AUDIT_ACTION_LABELS, EMAIL_STATUS_LABELS, label, ORDER_STATUS_LABELS, TEMPLATE_LABELS } from './order-labels.ts'

/** The e-mails about the order; each first e-mail can be sent again with a reason. */
export function OrderEmails(p: { view: AdminView; desk: OrderDesk; form?: (FormState & { emailId: string }) | undefined }) {
  const canOpen = p.view.allowed.has('outbox.read')
  const canResend = p.view.allowed.has('orders.resend_email')
  const o = p.desk.order
  return (
    <section class="panel" aria-labelledby="emails">
      <h2 id="emails">E-mails</h2>
      {p.desk.emails.length === 0 ? <p>Aucun e-mail pour cette commande.</p> : (
        <div class="table-wrap" role="region" aria-label="E-mails de la commande" tabIndex={0}>
          <table>
            <thead><tr><th scope="col">Créé le</th><th scope="col">E-mail</th><th scope="col">État</th>{canResend ? <th scope="col">Renvoyer</th> : null}</tr></thead>
            <tbody>
              {p.desk.emails.map((m) => {
                const error = p.form?.emailId === m.id ? p.form.errors.reason : undefined
                const name = `${label(TEMPLATE_LABELS, m.template)}${m.resendOf ? ` (renvoi n° ${m.resendOf.n})` : ''}`
                return (
                  <tr>
                    <td>{dateTime(m.createdAt)}</td>
                    <td>{canOpen ? <a href={`/admin/emails/${m.id}`}>{name}</a> : name}<br /><small>{m.subject ?? ''} · {m.to}</small></td>
                    <td>{label(EMAIL_STATUS_LABELS, m.status)}</td>
                    {canResend ? (
                      <td>
                        {m.resendOf ? null : (
                          <form method="post" action={`/admin/commandes/${o.id}/emails`} class={error ? 'resend has-error' : 'resend'} novalidate>
                            <CsrfInput token={p.view.csrf} />
                            <input type="hidden" name="emailId" value={m.id} />
                            <input type="hidden" name="n" value={String(m.resends + 1)} />
                            <label for={`f-resend-${m.id}`}>Motif</label>
                            {error ? <p class="error" id={`f-resend-${m.id}-error`} role="alert">{error}</p> : null}
                            <input id={`f-resend-${m.id}`} name="reason" type="text" maxLength={500} required value={p.form?.emailId === m.id ? (p.form.values?.reason ?? '') : ''} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `f-resend-${m.id}-error` : undefined} />
                            <button type="submit">Renvoyer</button>
                          </form>
                        )}
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

type Entry = { at: Date; what: string; who: string; note: string | null }

const auditWhat = (action: string, after: unknown): string => {
  const a = (after ?? {}) as { amount?: number; creditNote?: string; template?: string }
  const base = label(AUDIT_ACTION_LABELS, action)
  if (action === 'orders.refunded' && a.amount) return `${base} de ${euros(a.amount)} (avoir ${a.creditNote ?? '—'})`
  if (action === 'orders.email_resent' && a.template) return `${base} : ${label(TEMPLATE_LABELS, a.template)}`
  return base
}

/** Status changes and staff actions, newest first, with who and why. */
export function OrderHistory({ desk }: { desk: OrderDesk }) {
  const entries: Entry[] = [
    ...[...desk.order.history].reverse().map((h) => ({ at: h.at, what: `${h.from ? `${label(ORDER_STATUS_LABELS, h.from)} → ` : ''}${label(ORDER_STATUS_LABELS, h.to)}`, who: h.actor, note: h.note })),
    ...desk.audit.map((a) => ({ at: a.at, what: auditWhat(a.action, a.after), who: a.actorLabel, note: a.reason })),
  ].sort((x, y) => y.at.getTime() - x.at.getTime()) // stable: same instant, latest first
  return (
    <section class="panel" aria-labelledby="historique">
      <h2 id="historique">Historique</h2>
      <ol class="history">
        {entries.map((e) => (
          <li><strong>{e.what}</strong> · {dateTime(e.at)} · {e.who}{e.note ? <> · « {e.note} »</> : null}</li>
        ))}
      </ol>
    </section>
  )
}
