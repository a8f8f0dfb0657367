import type { OrderReturnRow } from '../../modules/returns/index.ts'
import { dateTime, euros } from './kit.tsx'
import { RETURN_STATUS_LABELS } from './returns-labels.ts'

/** The returns of one order on the back-office order page (links for members who handle returns). */
export function OrderReturns({ returns, canManage }: { returns: readonly OrderReturnRow[]; canManage: boolean }) {
  if (!returns.length) return null
  return (
    <section class="panel" aria-labelledby="retours">
      <h2 id="retours">Retours</h2>
      <ul>
        {returns.map((r) => (
          <li>
            {canManage ? <a href={`/admin/retours/${r.id}`}>{r.number}</a> : r.number} · demandé le {dateTime(r.requestedAt)} · {r.units} unité{r.units > 1 ? 's' : ''} · {RETURN_STATUS_LABELS[r.status] ?? r.status}
            {r.refundAmount !== null ? ` · remboursé ${euros(r.refundAmount)}` : ''}
          </li>
        ))}
      </ul>
    </section>
  )
}
