import type { PurchaseOrderOption } from '../../modules/payables/index.ts'
import type { ProducerRef } from '../../modules/producers/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, type FormErrors, SelectField, TextField } from './kit.tsx'

export type InvoiceFormValues = Record<string, string>
export const LINE_FIELDS = ['description', 'quantity', 'unitCost', 'vatRate'] as const

/**
 * "Saisir une facture": first pick the producer and (optionally) the purchase order, which fills
 * the lines with what was received and not billed yet; then the number, the date and the lines.
 * Totals, VAT and the due date are computed by the server.
 */
export function PayablesInvoiceFormPage(p: {
  view: AdminView; producers: ProducerRef[]; orders: PurchaseOrderOption[]; values: InvoiceFormValues; lineCount: number; errors?: FormErrors; message?: string | null
}) {
  const v = p.values
  const e = p.errors ?? {}
  const rows = Array.from({ length: p.lineCount }, (_, i) => i)
  const cell = (i: number, field: (typeof LINE_FIELDS)[number], label: string, extra: { inputMode?: 'numeric' | 'decimal'; size?: number; hidden?: string } = {}) => {
    const name = `l${i}_${field}`
    return (
      <td class={e[name] ? 'has-error' : undefined}>
        <label for={`f-${name}`} class="visually-hidden">{label} (ligne {i + 1})</label>
        <input id={`f-${name}`} name={name} value={v[name] ?? ''} inputMode={extra.inputMode} size={extra.size} aria-invalid={e[name] ? 'true' : undefined} aria-describedby={e[name] ? `f-${name}-error` : undefined} />
        {e[name] ? <p class="error" id={`f-${name}-error`}>{e[name]}</p> : null}
        {extra.hidden ? <input type="hidden" name={extra.hidden} value={v[extra.hidden] ?? ''} /> : null}
      </td>
    )
  }
  return (
    <AdminLayout view={p.view} title="Saisir une facture fournisseur">
      <p><a href="/admin/fournisseurs/factures">← Factures fournisseurs</a></p>
      <ErrorSummary errors={e} message={p.message} />
      <form method="get" action="/admin/fournisseurs/factures/nouvelle" class="filters" aria-label="Producteur et bon de commande">
        <SelectField name="producteur" label="Producteur" value={v.producerId} blank="Choisir…" options={p.producers.map((x) => ({ value: x.id, label: x.tradeName }))} />
        {v.producerId ? (
          <SelectField name="commande" label="Bon de commande (facultatif)" value={v.purchaseOrderId} blank="Sans bon de commande" options={p.orders.map((o) => ({ value: o.id, label: o.number }))} hint="Les lignes reprennent les quantités reçues non encore facturées." />
        ) : null}
        <button type="submit">{v.producerId ? 'Préremplir les lignes' : 'Choisir'}</button>
      </form>
      {v.producerId ? (
        <form method="post" action="/admin/fournisseurs/factures" novalidate>
          <CsrfInput token={p.view.csrf} />
          <input type="hidden" name="producerId" value={v.producerId} />
          <input type="hidden" name="purchaseOrderId" value={v.purchaseOrderId ?? ''} />
          <TextField name="invoiceNumber" label="Numéro de la facture du producteur" value={v.invoiceNumber} error={e.invoiceNumber} maxLength={60} required />
          <TextField name="invoiceDate" label="Date de la facture" type="date" value={v.invoiceDate} error={e.invoiceDate} required />
          {e.producerId ? <p class="error" id="f-producerId">{e.producerId}</p> : null}
          {e.purchaseOrderId ? <p class="error" id="f-purchaseOrderId">{e.purchaseOrderId}</p> : null}
          {e.lines ? <p class="error" id="f-lines">{e.lines}</p> : null}
          <div class="table-wrap" role="region" aria-label="Lignes de la facture" tabIndex={0}>
            <table>
              <caption>Lignes (montants hors TVA, en euros ; les lignes vides sont ignorées)</caption>
              <thead><tr><th scope="col">Désignation</th><th scope="col">Quantité</th><th scope="col">Prix unitaire HT (€)</th><th scope="col">TVA (%)</th></tr></thead>
              <tbody>
                {rows.map((i) => (
                  <tr>
                    {cell(i, 'description', 'Désignation', { size: 40, hidden: `l${i}_poLine` })}
                    {cell(i, 'quantity', 'Quantité', { inputMode: 'numeric', size: 6 })}
                    {cell(i, 'unitCost', 'Prix unitaire HT', { inputMode: 'decimal', size: 10 })}
                    {cell(i, 'vatRate', 'Taux de TVA', { inputMode: 'decimal', size: 6 })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <input type="hidden" name="lineCount" value={String(p.lineCount)} />
          <button type="submit" class="primary">Enregistrer la facture</button>
        </form>
      ) : null}
    </AdminLayout>
  )
}
