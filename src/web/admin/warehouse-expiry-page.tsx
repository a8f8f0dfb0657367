import type { WarehouseSummary } from '../../modules/inventory/index.ts'
import type { ExpiringLot } from '../../modules/warehouse/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { WarehousePicker } from './warehouse-queue-page.tsx'

/** Lots expiring within N days or already past, soonest first, with a CSV download. */
export function ExpiryPage(p: { view: AdminView; warehouses: WarehouseSummary[]; warehouse: string | null; days: number; lots: ExpiringLot[] }) {
  const qs = `jours=${p.days}${p.warehouse ? `&entrepot=${encodeURIComponent(p.warehouse)}` : ''}`
  return (
    <AdminLayout view={p.view} title="Lots proches de péremption">
      <WarehousePicker action="/admin/entrepot/peremptions" warehouses={p.warehouses} current={p.warehouse} all extra={
        <div class="field"><label for="f-jours">Dans les N jours</label><input id="f-jours" name="jours" type="number" min="0" max="365" value={String(p.days)} inputMode="numeric" /></div>
      } />
      <p><a href={`/admin/entrepot/peremptions.csv?${qs}`}>Télécharger en CSV</a></p>
      <div class="table-wrap" role="region" aria-label="Lots" tabIndex={0}>
        <table>
          <caption>{p.lots.length} lot(s) périmé(s) ou à moins de {p.days} jour(s)</caption>
          <thead><tr><th scope="col">DDM/DLC</th><th scope="col">Jours restants</th><th scope="col">SKU</th><th scope="col">Article</th><th scope="col">Producteur</th><th scope="col">Lot</th><th scope="col">Entrepôt</th><th scope="col">Emplacement</th><th scope="col">En stock</th><th scope="col">Libre</th></tr></thead>
          <tbody>
            {p.lots.map((l) => (
              <tr class={l.daysLeft < 0 ? 'danger' : undefined}>
                <td>{l.bestBefore}</td><td>{l.daysLeft < 0 ? `périmé depuis ${-l.daysLeft} j` : l.daysLeft}</td><td><code>{l.sku}</code></td><td>{l.name}</td><td>{l.producer}</td>
                <td>{l.lotCode} <small>({l.lotId})</small></td><td>{l.warehouseCode}</td><td>{l.location ?? '—'}</td><td>{l.onHand}</td><td>{l.free}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}
