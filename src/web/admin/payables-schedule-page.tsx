import type { OverdueInvoice, PayablesSchedule } from '../../modules/payables/index.ts'
import type { ProducerRef } from '../../modules/producers/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { ErrorSummary, euros, type FormErrors, SelectField, TextField } from './kit.tsx'
import { day } from './order-labels.ts'

/** The payables schedule: what is left to pay per due week and producer, overdue first (with the alert list). */
export function PayablesSchedulePage(p: { view: AdminView; schedule: PayablesSchedule | null; overdue: OverdueInvoice[]; producers: ProducerRef[]; query: Record<string, string | undefined>; errors?: FormErrors }) {
  const s = p.schedule
  const e = p.errors ?? {}
  return (
    <AdminLayout view={p.view} title="Échéancier fournisseurs">
      <ErrorSummary errors={e} />
      <form method="get" action="/admin/fournisseurs/echeancier" class="filters" role="search" aria-label="Filtrer l’échéancier">
        <SelectField name="producteur" label="Producteur" value={p.query.producteur} blank="Tous" options={p.producers.map((x) => ({ value: x.id, label: x.tradeName }))} error={e.producteur} />
        <TextField name="horizon" label="Horizon (jours)" value={p.query.horizon ?? '90'} error={e.horizon} inputMode="numeric" />
        <button type="submit" class="primary">Afficher</button>
      </form>
      {s ? (
        <>
          <p role="status">
            Reste à payer jusqu’au {day(s.horizonEnd)} : <strong>{euros(s.totalLeft)}</strong>.{' '}
            {s.overdueCount ? <span class="badge status-cancelled">{s.overdueCount} facture{s.overdueCount > 1 ? 's' : ''} en retard — {euros(s.overdueLeft)}</span> : 'Aucune facture en retard.'}
          </p>
          {p.overdue.length ? (
            <section class="panel" aria-labelledby="late-h">
              <h2 id="late-h">Alertes : factures en retard</h2>
              <ul>
                {p.overdue.map((o) => <li><a href={`/admin/fournisseurs/factures/${o.id}`}>{o.invoiceNumber}</a> — {o.producerName} — échue le {day(o.dueOn)}, <strong>{o.daysLate} j de retard</strong> — {euros(o.left)}</li>)}
              </ul>
            </section>
          ) : null}
          {s.weeks.length === 0 ? <p>Rien à payer sur cette période.</p> : null}
          {s.weeks.map((w) => (
            <section class="panel" aria-labelledby={`w-${w.weekStart ?? 'late'}`}>
              <h2 id={`w-${w.weekStart ?? 'late'}`}>
                {w.overdue ? <span class="badge status-cancelled">En retard</span> : `Semaine du ${day(w.weekStart)}`} — {w.invoices} facture{w.invoices > 1 ? 's' : ''}, {euros(w.left)}
              </h2>
              <div class="table-wrap" role="region" aria-label={w.overdue ? 'En retard' : `Semaine du ${day(w.weekStart)}`} tabIndex={0}>
                <table>
                  <thead><tr><th scope="col">Producteur</th><th scope="col" class="num">Factures</th><th scope="col">Première échéance</th>{w.overdue ? <th scope="col" class="num">Retard max. (jours)</th> : null}<th scope="col" class="num">Montant TTC</th><th scope="col" class="num">Déjà payé</th><th scope="col" class="num">Reste à payer</th></tr></thead>
                  <tbody>
                    {w.producers.map((x) => (
                      <tr>
                        <td><a href={`/admin/fournisseurs/factures?producteur=${x.producerId}${w.overdue ? '&retard=1' : ''}`}>{x.producerName}</a></td>
                        <td class="num">{x.invoices}</td><td>{day(x.firstDue)}</td>{w.overdue ? <td class="num">{x.maxDaysLate}</td> : null}
                        <td class="num">{euros(x.gross)}</td><td class="num">{euros(x.paid)}</td><td class="num">{euros(x.left)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      ) : null}
    </AdminLayout>
  )
}
