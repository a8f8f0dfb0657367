import type { GoodsReceiptView, PurchaseOrderView } from '../../modules/purchasing/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, type FormErrors, TextArea, TextField } from './kit.tsx'
import { CellInput, shortDay } from './purchasing-kit.tsx'

/** Lot rows offered per order line (a line delivered in more lots than that is recorded in two receipts). */
export const LOT_ROWS_PER_LINE = 2

export type ReceiptFormValues = { receivedOn?: string; note?: string; rows?: Record<string, string[]> }

/**
 * The goods receipt of one order: per line and lot, the lot code and dates, the units accepted,
 * damaged and refused, and a note on any difference. Only accepted units enter the stock.
 */
export function ReceiptFormPage(p: { view: AdminView; po: PurchaseOrderView; today: string; values?: ReceiptFormValues | undefined; errors?: FormErrors | undefined; message?: string | null | undefined }) {
  const { po } = p
  const e = p.errors ?? {}
  const v = p.values ?? {}
  const cell = (field: string, row: number) => v.rows?.[field]?.[row] ?? ''
  let row = -1
  return (
    <AdminLayout view={p.view} title={`Réception — ${po.number}`}>
      <p><a href={`/admin/achats/${po.id}`}>← Bon de commande {po.number}</a> · {po.producer.name} → {po.warehouse.name}</p>
      <form method="post" action={`/admin/achats/${po.id}/reception`} novalidate>
        <ErrorSummary errors={e} message={p.message} />
        <CsrfInput token={p.view.csrf} />
        <TextField name="receivedOn" label="Reçu le" type="date" value={v.receivedOn ?? p.today} error={e.receivedOn} required />
        <p class="hint">Seules les unités acceptées entrent en stock, dans leur lot. Un lot déjà connu dans cet entrepôt garde ses dates : laissez-les vides ou saisissez les mêmes.</p>
        <div class="table-wrap" role="region" aria-label="Lots reçus" tabIndex={0}>
          <table>
            <thead>
              <tr><th scope="col">Article</th><th scope="col" class="num">Reste à recevoir</th><th scope="col">Lot</th><th scope="col">Produit le</th><th scope="col">À consommer avant</th><th scope="col">Acceptées</th><th scope="col">Abîmées</th><th scope="col">Refusées</th><th scope="col">Note d’écart</th></tr>
            </thead>
            <tbody>
              {po.lines.flatMap((l) => Array.from({ length: LOT_ROWS_PER_LINE }, (_, k) => {
                row++
                const i = row
                const who = `${l.sku}, lot ${k + 1}`
                return (
                  <tr>
                    {k === 0 ? <td rowSpan={LOT_ROWS_PER_LINE}>{l.name}<br /><small>{l.sku}</small></td> : null}
                    {k === 0 ? <td rowSpan={LOT_ROWS_PER_LINE} class="num">{Math.max(0, l.quantityOrdered - l.quantityReceived)} / {l.quantityOrdered}</td> : null}
                    <td><input type="hidden" name="line" value={l.id} /><CellInput name="lotCode" id={`lines.${i}.lotCode`} label={`Numéro de lot (${who})`} value={cell('lotCode', i)} errors={e} size={10} maxLength={60} /></td>
                    <td><CellInput name="producedOn" id={`lines.${i}.producedOn`} label={`Date de production (${who})`} type="date" value={cell('producedOn', i)} errors={e} /></td>
                    <td><CellInput name="bestBefore" id={`lines.${i}.bestBefore`} label={`Date limite (${who})`} type="date" value={cell('bestBefore', i)} errors={e} /></td>
                    <td><CellInput name="accepted" id={`lines.${i}.accepted`} label={`Unités acceptées (${who})`} inputMode="numeric" value={cell('accepted', i)} errors={e} size={4} /></td>
                    <td><CellInput name="damaged" id={`lines.${i}.damaged`} label={`Unités abîmées (${who})`} inputMode="numeric" value={cell('damaged', i)} errors={e} size={4} /></td>
                    <td><CellInput name="refused" id={`lines.${i}.refused`} label={`Unités refusées (${who})`} inputMode="numeric" value={cell('refused', i)} errors={e} size={4} /></td>
                    <td><CellInput name="discrepancyNote" id={`lines.${i}.discrepancyNote`} label={`Note d’écart (${who})`} value={cell('discrepancyNote', i)} errors={e} size={16} maxLength={2000} /></td>
                  </tr>
                )
              }))}
            </tbody>
          </table>
        </div>
        <TextArea name="note" label="Note de réception" value={v.note} error={e.note} rows={2} maxLength={4000} />
        <button type="submit" class="primary">Enregistrer la réception</button>
      </form>
    </AdminLayout>
  )
}

/** One receipt: per order line, ordered, delivered, accepted, damaged, refused and short, with its lots. */
export function ReceiptDetailPage(p: { view: AdminView; receipt: GoodsReceiptView; flash?: string | null }) {
  const r = p.receipt
  return (
    <AdminLayout view={p.view} title={`Réception ${r.number}`} flash={p.flash}>
      <p><a href="/admin/receptions">← Réceptions</a> · <a href={`/admin/achats/${r.purchaseOrder.id}`}>Bon de commande {r.purchaseOrder.number}</a></p>
      <dl class="facts">
        <dt>Reçue le</dt><dd>{shortDay(r.receivedOn)}</dd>
        <dt>Producteur</dt><dd>{r.producerName}</dd>
        <dt>Entrepôt</dt><dd>{r.warehouseCode}</dd>
        {r.note ? <><dt>Note</dt><dd>{r.note}</dd></> : null}
      </dl>
      <div class="table-wrap" role="region" aria-label="Lignes reçues" tabIndex={0}>
        <table>
          <thead><tr><th scope="col">Article</th><th scope="col" class="num">Commandé</th><th scope="col" class="num">Livré</th><th scope="col" class="num">Accepté</th><th scope="col" class="num">Abîmé</th><th scope="col" class="num">Refusé</th><th scope="col" class="num">Manquant</th><th scope="col">Lots</th></tr></thead>
          <tbody>
            {r.lines.map((l) => (
              <tr>
                <td>{l.name}<br /><small>{l.sku}</small></td>
                <td class="num">{l.ordered}</td><td class="num">{l.delivered}</td><td class="num">{l.accepted}</td>
                <td class="num">{l.damaged}</td><td class="num">{l.refused}</td><td class="num">{l.short}</td>
                <td>
                  <ul class="plain">
                    {l.lots.map((x) => <li>{x.lotCode} : {x.accepted} acceptées{x.damaged ? `, ${x.damaged} abîmées` : ''}{x.refused ? `, ${x.refused} refusées` : ''}{x.bestBefore ? ` · limite ${shortDay(x.bestBefore)}` : ''}{x.note ? ` — ${x.note}` : ''}</li>)}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}
