import { imageUrl } from '../../modules/media/index.ts'
import type { AdminProductRow } from '../../modules/catalog/index.ts'
import { STATUS_LABELS } from './catalog-kit.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { DataTable, dateTime, euros, Pager, SelectField, TextField, type Column, type TableState } from './kit.tsx'

export type ProductListProps = {
  view: AdminView
  rows: AdminProductRow[]
  total: number
  page: number
  pageSize: number
  state: TableState
  filters: { q?: string | undefined; statut?: string | undefined; categorie?: string | undefined; producteur?: string | undefined }
  categories: { value: string; label: string }[]
  producers: { value: string; label: string }[]
  invalid?: boolean
  flash?: string | null
}

const thumbWidth = 320

/** The product table: filters by GET form, sortable headers, pages; every state has a URL. */
export function ProductListPage(p: ProductListProps) {
  const columns: Column<AdminProductRow>[] = [
    { key: 'img', label: 'Photo', cell: (r) => (r.thumbnail ? <img class="thumb" src={imageUrl(r.thumbnail.key, Math.min(thumbWidth, r.thumbnail.width), 'webp')} alt="" width={56} height={Math.round((56 * r.thumbnail.height) / r.thumbnail.width)} loading="lazy" /> : <span class="badge">sans photo</span>) },
    { key: 'name', label: 'Nom', sort: 'name', cell: (r) => <a href={`/admin/produits/${r.id}`}>{r.nameFr}</a> },
    { key: 'handle', label: 'Référence', cell: (r) => <code>{r.handle}</code> },
    { key: 'producer', label: 'Producteur', cell: (r) => r.producer.name },
    { key: 'category', label: 'Catégorie', cell: (r) => r.category.name },
    { key: 'status', label: 'Statut', cell: (r) => <span class={`badge status-${r.status.toLowerCase()}`}>{STATUS_LABELS[r.status]}</span> },
    { key: 'variants', label: 'Variantes', align: 'end', cell: (r) => r.variantCount },
    { key: 'price', label: 'Prix TTC', sort: 'price', align: 'end', cell: (r) => euros(r.minPrice) },
    { key: 'stock', label: 'Stock', align: 'end', cell: (r) => r.available.toLocaleString('fr-FR') },
    { key: 'updated', label: 'Modifié', sort: 'updated_at', cell: (r) => dateTime(r.updatedAt) },
  ]
  const f = p.filters
  return (
    <AdminLayout view={p.view} title="Produits" flash={p.flash}>
      {mayUse(p.view, 'catalog.edit') ? <p><a class="button primary" href="/admin/produits/nouveau">Nouveau produit</a></p> : null}
      {p.invalid ? <p class="form-errors" role="alert">Filtres non reconnus : la liste complète est affichée.</p> : null}
      <form method="get" action="/admin/produits" class="filters" role="search">
        <TextField name="q" label="Nom, référence ou SKU" type="search" value={f.q} />
        <SelectField name="statut" label="Statut" value={f.statut} blank="Tous" options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        <SelectField name="categorie" label="Catégorie" value={f.categorie} blank="Toutes" options={p.categories} />
        <SelectField name="producteur" label="Producteur" value={f.producteur} blank="Tous" options={p.producers} />
        <button type="submit">Filtrer</button>
      </form>
      <DataTable caption="Produits" columns={columns} rows={p.rows} state={p.state} rowKey={(r) => r.id} empty="Aucun produit ne correspond à ces filtres." />
      <Pager state={p.state} page={p.page} pageSize={p.pageSize} shown={p.rows.length} total={p.total} />
    </AdminLayout>
  )
}
