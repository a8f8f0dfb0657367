import type { StatementSummary } from '../../modules/payables/index.ts'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, euros, type FormErrors, TextField } from './kit.tsx'
import { day } from './order-labels.ts'
import { rate } from './payables-labels.ts'

/** Consignment statements: issue a month's, and the list with each PDF. */
export function PayablesStatementsPage(p: { view: AdminView; statements: StatementSummary[]; month: string; errors?: FormErrors; message?: string | null; flash?: string | null }) {
  const e = p.errors ?? {}
  return (
    <AdminLayout view={p.view} title="Relevés de dépôt-vente" flash={p.flash}>
      <ErrorSummary errors={e} message={p.message} />
      {mayUse(p.view, 'payables.manage') ? (
        <form method="post" action="/admin/fournisseurs/releves" class="filters" novalidate>
          <CsrfInput token={p.view.csrf} />
          <TextField name="month" label="Mois (AAAA-MM)" value={p.month} error={e.month} maxLength={7} required hint="Un mois terminé ; un producteur déjà relevé pour ce mois ne l’est pas deux fois." />
          <button type="submit" class="primary">Établir les relevés du mois</button>
        </form>
      ) : null}
      <div class="table-wrap" role="region" aria-label="Relevés" tabIndex={0}>
        <table>
          <caption>Relevés de dépôt-vente</caption>
          <thead><tr>
            <th scope="col">Relevé</th><th scope="col">Producteur</th><th scope="col">Période</th><th scope="col" class="num">Unités</th><th scope="col" class="num">Ventes HT</th>
            <th scope="col" class="num">Commission</th><th scope="col" class="num">TVA commission</th><th scope="col" class="num">Dû</th><th scope="col">Échéance</th>
          </tr></thead>
          <tbody>
            {p.statements.length === 0 ? <tr><td colSpan={9} class="empty">Aucun relevé.</td></tr> : p.statements.map((s) => (
              <tr>
                <td><a href={`/admin/fournisseurs/releves/${s.id}.pdf`}>{s.number}</a></td><td>{s.producerName}</td><td>{day(s.periodStart)} – {day(s.periodEnd)}</td>
                <td class="num">{s.units}</td><td class="num">{euros(s.salesNet)}</td><td class="num">{euros(s.commissionNet)} ({rate(s.commissionBp)})</td>
                <td class="num">{euros(s.commissionVat)}</td><td class="num">{euros(s.amountOwed)}</td><td>{day(s.dueOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}
