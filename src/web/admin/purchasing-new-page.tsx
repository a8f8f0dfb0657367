import type { Proposal } from '../../modules/purchasing/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, type FormErrors, SelectField, TextArea, TextField } from './kit.tsx'
import type { Choice } from './purchasing-list-pages.tsx'
import { CellInput, eurosInput, rate } from './purchasing-kit.tsx'

/** What the person typed, by field name; line fields are lists in row order. */
export type PoFormValues = { producteur?: string; entrepot?: string; couverture?: string; delai?: string; expectedOn?: string; note?: string; quantity?: string[]; unitCost?: string[] }

/**
 * A new purchase order in two steps on one page: pick the producer, the warehouse, the target
 * cover and the lead time (GET: the proposal), then adjust the suggested quantities and costs.
 */
export function NewPurchaseOrderPage(p: {
  view: AdminView; producers: Choice[]; warehouses: Choice[]; proposal: Proposal | null
  values: PoFormValues; errors?: FormErrors | undefined; pickErrors?: FormErrors | undefined; message?: string | null | undefined
}) {
  const v = p.values
  const e = p.errors ?? {}
  const pe = p.pickErrors ?? {}
  const pr = p.proposal
  return (
    <AdminLayout view={p.view} title="Nouveau bon de commande">
      <p><a href="/admin/achats">← Bons de commande</a></p>
      <ErrorSummary errors={pe} />
      <form method="get" action="/admin/achats/nouveau" class="filters" aria-label="Producteur et entrepôt">
        <SelectField name="producteur" label="Producteur" value={v.producteur} blank="Choisir…" options={p.producers} error={pe.producteur} required />
        <SelectField name="entrepot" label="Entrepôt de livraison" value={v.entrepot} blank="Choisir…" options={p.warehouses} error={pe.entrepot} required />
        <TextField name="couverture" label="Couverture visée (semaines)" type="number" inputMode="numeric" value={v.couverture ?? '6'} error={pe.couverture} />
        <TextField name="delai" label="Délai d’approvisionnement (semaines)" type="number" inputMode="numeric" value={v.delai ?? '2'} error={pe.delai} />
        <button type="submit">Proposer les quantités</button>
      </form>
      {pr ? (
        <form method="post" action="/admin/achats" novalidate>
          <h2>Lignes proposées — {pr.producerName}, {pr.warehouseCode}</h2>
          <ErrorSummary errors={e} message={p.message} />
          <CsrfInput token={p.view.csrf} />
          <input type="hidden" name="producteur" value={pr.producerId} />
          <input type="hidden" name="entrepot" value={pr.warehouseCode} />
          <input type="hidden" name="couverture" value={String(pr.coverWeeks)} />
          <input type="hidden" name="delai" value={String(pr.leadWeeks)} />
          <p class="hint">
            Ventes des 8 dernières semaines depuis cet entrepôt ; suggestion = ventes hebdomadaires × ({pr.coverWeeks} semaines de couverture + {pr.leadWeeks} de délai) − stock disponible − déjà commandé, arrondie au colis.
            {pr.model === 'CONSIGNMENT' ? ' Dépôt-vente : aucun coût d’achat.' : ''} Une quantité vide ou nulle n’est pas commandée.
          </p>
          <ProposalTable proposal={pr} values={v} errors={e} />
          <TextField name="expectedOn" label="Livraison souhaitée le" type="date" value={v.expectedOn} error={e.expectedOn} />
          <TextArea name="note" label="Note pour le producteur" value={v.note} error={e.note} rows={2} maxLength={4000} />
          <button type="submit" class="primary">Créer le brouillon</button>
        </form>
      ) : null}
    </AdminLayout>
  )
}

function ProposalTable(p: { proposal: Proposal; values: PoFormValues; errors: FormErrors }) {
  const lines = p.proposal.lines
  if (!lines.length) return <p>Ce producteur n’a aucun article actif stocké dans cet entrepôt.</p>
  return (
    <div class="table-wrap" role="region" aria-label="Lignes proposées" tabIndex={0}>
      <table>
        <thead>
          <tr><th scope="col">Article</th><th scope="col" class="num">Ventes / sem.</th><th scope="col" class="num">Stock dispo.</th><th scope="col" class="num">Déjà commandé</th><th scope="col" class="num">Couverture (sem.)</th><th scope="col" class="num">Colis</th><th scope="col" class="num">Suggéré</th><th scope="col">Quantité</th><th scope="col">Coût unitaire HT (€)</th><th scope="col" class="num">TVA</th></tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr>
              <td>{l.name}<br /><small>{l.sku}</small><input type="hidden" name="variantId" value={l.variantId} /></td>
              <td class="num">{l.weeklyRate.toLocaleString('fr-FR', { maximumFractionDigits: 2 })}</td>
              <td class="num">{l.available}</td>
              <td class="num">{l.onOrder}</td>
              <td class="num">{l.coverNowWeeks === null ? '—' : l.coverNowWeeks.toLocaleString('fr-FR')}</td>
              <td class="num">{l.packSize}</td>
              <td class="num">{l.suggested}</td>
              <td><CellInput name="quantity" id={`lines.${i}.quantity`} label={`Quantité de ${l.sku}`} inputMode="numeric" value={p.values.quantity?.[i] ?? String(l.suggested)} errors={p.errors} /></td>
              <td><CellInput name="unitCost" id={`lines.${i}.unitCost`} label={`Coût unitaire de ${l.sku} en euros`} inputMode="decimal" value={p.values.unitCost?.[i] ?? eurosInput(l.defaultUnitCost)} errors={p.errors} /></td>
              <td class="num">{rate(l.vatRateBp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
