import type { WarehouseSummary } from '../../modules/inventory/index.ts'
import type { StockCountView } from '../../modules/warehouse/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { CsrfInput, dateTime, ErrorSummary, SelectField, TextField, type FormErrors } from './kit.tsx'

const COUNT_STATUS: Readonly<Record<string, string>> = { open: 'ouvert', posted: 'validé', cancelled: 'annulé' }
type CountRow = { id: string; number: string; warehouseCode: string; status: string; createdAt: Date; lines: number }

/** Counts (open one for a warehouse, a location prefix or a SKU) and write-offs of free units. */
export function CountsPage(p: { view: AdminView; warehouses: WarehouseSummary[]; counts: CountRow[]; causes: { value: string; label: string }[]; form?: 'count' | 'writeoff'; values?: Record<string, string>; errors?: FormErrors; message?: string | null; flash?: string | null }) {
  const e = p.errors ?? {}
  const v = p.values ?? {}
  const warehouses = p.warehouses.map((w) => ({ value: w.code, label: `${w.code} — ${w.name}` }))
  return (
    <AdminLayout view={p.view} title="Inventaires et casse" flash={p.flash}>
      <ErrorSummary errors={e} message={p.message} />
      <section class="panel" aria-labelledby="count-h">
        <h2 id="count-h">Ouvrir un inventaire</h2>
        <form method="post" action="/admin/entrepot/inventaires" novalidate>
          <CsrfInput token={p.view.csrf} />
          <SelectField name="warehouse" label="Entrepôt" options={warehouses} value={v.warehouse} error={p.form === 'count' ? e.warehouse : undefined} required />
          <TextField name="prefix" label="Emplacements commençant par (facultatif)" hint="Par exemple A-01 pour une travée" value={v.prefix} maxLength={20} />
          <TextField name="sku" label="Ou un seul SKU (facultatif)" value={v.sku} maxLength={64} />
          <button type="submit" class="primary">Ouvrir l’inventaire</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="wo-h">
        <h2 id="wo-h">Sortie de stock (casse, péremption…)</h2>
        <form method="post" action="/admin/entrepot/sorties" novalidate>
          <CsrfInput token={p.view.csrf} />
          <TextField name="lotId" label="Identifiant du lot" hint="Depuis la page des péremptions ou d’un inventaire (lot_…)" value={v.lotId} error={e.lotId} maxLength={64} required />
          <TextField name="quantity" label="Quantité" type="number" inputMode="numeric" value={v.quantity} error={e.quantity} required />
          <SelectField name="cause" label="Cause" options={p.causes} value={v.cause} blank="— choisir —" error={e.cause} required />
          <TextField name="note" label="Note" value={v.note} error={e.note} maxLength={500} />
          <button type="submit">Sortir du stock</button>
        </form>
      </section>
      <div class="table-wrap" role="region" aria-label="Inventaires" tabIndex={0}>
        <table>
          <caption>Derniers inventaires</caption>
          <thead><tr><th scope="col">Inventaire</th><th scope="col">Entrepôt</th><th scope="col">Lots</th><th scope="col">Statut</th><th scope="col">Ouvert le</th></tr></thead>
          <tbody>{p.counts.map((c) => <tr><td><a href={`/admin/entrepot/inventaires/${c.id}`}>{c.number}</a></td><td>{c.warehouseCode}</td><td>{c.lines}</td><td>{COUNT_STATUS[c.status] ?? c.status}</td><td>{dateTime(c.createdAt)}</td></tr>)}</tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

/** One count: enter the counted units per lot, then post. */
export function CountPage(p: { view: AdminView; count: StockCountView; values?: Record<string, string>; errors?: FormErrors; message?: string | null; flash?: string | null }) {
  const c = p.count
  const open = c.status === 'open'
  return (
    <AdminLayout view={p.view} title={`Inventaire ${c.number}`} flash={p.flash}>
      <p><a href="/admin/entrepot/inventaires">← Inventaires</a> · {c.warehouseCode} · {COUNT_STATUS[c.status] ?? c.status}{c.postedAt ? ` le ${dateTime(c.postedAt)}` : ''}</p>
      <ErrorSummary errors={p.errors ?? {}} message={p.message} />
      <form method="post" action={`/admin/entrepot/inventaires/${c.id}`} novalidate>
        <CsrfInput token={p.view.csrf} />
        <div class="table-wrap" role="region" aria-label="Lots à compter" tabIndex={0}>
          <table>
            <caption>{c.lines.length} lot(s) — attendu = en stock à l’ouverture</caption>
            <thead><tr><th scope="col">Emplacement</th><th scope="col">SKU</th><th scope="col">Article</th><th scope="col">Lot</th><th scope="col">DDM/DLC</th><th scope="col">Attendu</th><th scope="col">Promis</th><th scope="col">Compté</th></tr></thead>
            <tbody>
              {c.lines.map((l) => (
                <tr>
                  <td>{l.location ?? '—'}</td><td><code>{l.sku}</code></td><td>{l.name}</td><td>{l.lotCode} <small>({l.lotId})</small></td><td>{l.bestBefore ?? '—'}</td><td>{l.expected}</td><td>{l.held}</td>
                  <td>{open ? <input type="number" min="0" name={`counted:${l.lotId}`} value={p.values?.[l.lotId] ?? (l.counted ?? '')} aria-label={`Compté pour ${l.sku} lot ${l.lotCode}`} inputMode="numeric" /> : (l.counted ?? '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {open ? <button type="submit" class="primary">Valider l’inventaire</button> : null}
      </form>
    </AdminLayout>
  )
}
