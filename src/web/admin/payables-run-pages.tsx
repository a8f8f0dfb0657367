import type { RunCandidate, RunDetail, RunSummary } from '../../modules/payables/index.ts'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, euros, type FormErrors, TextField } from './kit.tsx'
import { dateTime } from './kit.tsx'
import { day } from './order-labels.ts'
import { RUN_STATUS } from './payables-labels.ts'

export type Proposal = { payOn: string; until: string; candidates: RunCandidate[] }

/** Payment runs: the list, and "Préparer une campagne" (proposal with tick boxes → draft). */
export function PayablesRunsPage(p: { view: AdminView; runs: RunSummary[]; proposal: Proposal | null; query: Record<string, string | undefined>; errors?: FormErrors; message?: string | null; flash?: string | null }) {
  const e = p.errors ?? {}
  const manage = mayUse(p.view, 'payables.manage')
  return (
    <AdminLayout view={p.view} title="Campagnes de paiement" flash={p.flash}>
      <ErrorSummary errors={e} message={p.message} />
      {manage ? (
        <section class="panel" aria-labelledby="prep-h">
          <h2 id="prep-h">Préparer une campagne</h2>
          <form method="get" action="/admin/fournisseurs/virements" class="filters">
            <TextField name="date" label="Date de paiement" type="date" value={p.query.date} error={e.date} required />
            <TextField name="jours" label="Inclure aussi les échéances dans les N jours suivants" value={p.query.jours ?? '0'} error={e.jours} inputMode="numeric" />
            <button type="submit">Proposer les factures</button>
          </form>
          {p.proposal ? (
            p.proposal.candidates.length === 0 ? <p>Aucune facture approuvée ou rapprochée n’arrive à échéance d’ici le {day(p.proposal.until)}.</p> : (
              <form method="post" action="/admin/fournisseurs/virements" novalidate>
                <CsrfInput token={p.view.csrf} />
                <input type="hidden" name="payOn" value={p.proposal.payOn} />
                <fieldset class="field" id="f-invoiceIds">
                  <legend>Factures à payer le {day(p.proposal.payOn)} (échues au plus tard le {day(p.proposal.until)}) — décochez celles à garder</legend>
                  {e.invoiceIds ? <p class="error">{e.invoiceIds}</p> : null}
                  {p.proposal.candidates.map((c) => (
                    <label class="check"><input type="checkbox" name="invoiceIds" value={c.invoiceId} checked /> {c.producerName} — {c.invoiceNumber} — échéance {day(c.dueOn)} — {euros(c.left)}</label>
                  ))}
                </fieldset>
                <p>Total proposé : {euros(p.proposal.candidates.reduce((s, c) => s + c.left, 0))}</p>
                <button type="submit" class="primary">Créer la campagne (brouillon)</button>
              </form>
            )
          ) : null}
        </section>
      ) : null}
      <div class="table-wrap" role="region" aria-label="Campagnes" tabIndex={0}>
        <table>
          <caption>Campagnes de paiement</caption>
          <thead><tr><th scope="col">Numéro</th><th scope="col">Date de paiement</th><th scope="col">Statut</th><th scope="col" class="num">Factures</th><th scope="col" class="num">Total</th></tr></thead>
          <tbody>
            {p.runs.length === 0 ? <tr><td colSpan={5} class="empty">Aucune campagne.</td></tr> : p.runs.map((r) => (
              <tr><td><a href={`/admin/fournisseurs/virements/${r.id}`}>{r.number}</a></td><td>{day(r.payOn)}</td><td>{RUN_STATUS[r.status]}</td><td class="num">{r.invoices}</td><td class="num">{euros(r.total)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

/** One run: its invoices, "Exécuter" while draft, the CSV for the bank. */
export function PayablesRunPage(p: { view: AdminView; run: RunDetail; message?: string | null; flash?: string | null }) {
  const r = p.run
  return (
    <AdminLayout view={p.view} title={`Campagne ${r.number}`} flash={p.flash}>
      <p><a href="/admin/fournisseurs/virements">← Campagnes de paiement</a> · <a href={`/admin/fournisseurs/virements/${r.id}/virements.csv`} download>Exporter les virements (CSV)</a></p>
      <ErrorSummary errors={{}} message={p.message} />
      <dl class="facts">
        <dt>Statut</dt><dd>{RUN_STATUS[r.status]}{r.executedAt ? ` le ${dateTime(r.executedAt)}` : ''}</dd>
        <dt>Date de paiement</dt><dd>{day(r.payOn)}</dd>
        <dt>Total</dt><dd>{euros(r.total)}</dd>
      </dl>
      <div class="table-wrap" role="region" aria-label="Factures de la campagne" tabIndex={0}>
        <table>
          <caption>Factures de la campagne</caption>
          <thead><tr><th scope="col">Producteur</th><th scope="col">Facture</th><th scope="col">Échéance</th><th scope="col" class="num">Proposé</th><th scope="col" class="num">Payé</th></tr></thead>
          <tbody>
            {r.lines.map((l) => (
              <tr><td>{l.producerName}</td><td><a href={`/admin/fournisseurs/factures/${l.invoiceId}`}>{l.invoiceNumber}</a></td><td>{day(l.dueOn)}</td><td class="num">{euros(l.proposed)}</td><td class="num">{l.paid == null ? '—' : euros(l.paid)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.status === 'draft' && mayUse(p.view, 'payables.manage') ? (
        <form method="post" action={`/admin/fournisseurs/virements/${r.id}/execution`} data-confirm={`Exécuter la campagne ${r.number} : ${r.invoices} paiement(s) ?`}>
          <CsrfInput token={p.view.csrf} />
          <button type="submit" class="primary">Exécuter</button>
        </form>
      ) : null}
    </AdminLayout>
  )
}
