import type { AdminCollection } from '../../modules/catalog/index.ts'
import { EditFrame, isOn, LangFields, STATUS_LABELS, valueOf, type FormValues } from './catalog-kit.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { Checkbox, ErrorSummary, TextArea, TextField, type FormErrors } from './kit.tsx'

export const collectionFormValues = (c: AdminCollection): FormValues => ({
  version: String(c.version), name_fr: c.name.fr, name_en: c.name.en, slugs_fr: c.slugs.fr, slugs_en: c.slugs.en,
  description_fr: c.description.fr ?? '', description_en: c.description.en ?? '', featured: c.featured ? 'on' : '', position: String(c.position),
  products: c.products.map((p) => p.handle).join('\n'),
})

export function CollectionListPage(p: { view: AdminView; collections: AdminCollection[]; flash?: string | null }) {
  return (
    <AdminLayout view={p.view} title="Collections" flash={p.flash}>
      {mayUse(p.view, 'catalog.edit') ? <p><a href="/admin/collections/nouvelle">Nouvelle collection</a></p> : null}
      <div class="table-wrap" role="region" aria-label="Collections" tabIndex={0}>
        <table>
          <thead><tr><th scope="col">Nom (fr)</th><th scope="col">Nom (en)</th><th scope="col" class="num">Produits</th><th scope="col">Mise en avant</th></tr></thead>
          <tbody>
            {p.collections.length === 0 ? <tr><td colSpan={4} class="empty">Aucune collection.</td></tr> : null}
            {p.collections.map((c) => (
              <tr>
                <td><a href={`/admin/collections/${c.id}`}>{c.name.fr}</a></td>
                <td>{c.name.en}</td>
                <td class="num">{c.products.length}</td>
                <td>{c.featured ? 'oui' : 'non'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

/** A collection's texts and its products, named by handle or SKU one per line, in shop order. */
export function CollectionEditPage(p: { view: AdminView; collection: AdminCollection | null; values: FormValues; errors?: FormErrors | undefined; message?: string | null | undefined; flash?: string | null }) {
  const e = p.errors ?? {}
  const v = p.values
  return (
    <AdminLayout view={p.view} title={p.collection ? p.collection.name.fr : 'Nouvelle collection'} flash={p.flash}>
      <p><a href="/admin/collections">← Collections</a></p>
      <ErrorSummary errors={e} message={p.message} />
      <EditFrame canEdit={mayUse(p.view, 'catalog.edit')} action={p.collection ? `/admin/collections/${p.collection.id}` : '/admin/collections/nouvelle'} csrf={p.view.csrf} submit="Enregistrer">
        {p.collection ? <input type="hidden" name="version" value={valueOf(v, 'version')} /> : null}
        <LangFields base="name" label="Nom" values={v} errors={e} maxLength={100} required />
        <LangFields base="slugs" label="Adresse (slug)" values={v} errors={e} maxLength={80} hint="Vide : faite à partir du nom." />
        <LangFields base="description" label="Description" values={v} errors={e} area maxLength={5000} />
        <Checkbox name="featured" label="Mise en avant sur l’accueil" checked={isOn(v, 'featured')} />
        <TextField name="position" label="Position" value={valueOf(v, 'position')} error={e.position} inputMode="numeric" />
        <TextArea name="products" label="Produits (une référence ou un SKU par ligne, dans l’ordre de la boutique)" value={valueOf(v, 'products')} error={e.products ?? e.productIds} rows={10} />
      </EditFrame>
      {p.collection && p.collection.products.length ? (
        <ul class="collection-products">
          {p.collection.products.map((x) => <li><a href={`/admin/produits/${x.id}`}>{x.nameFr}</a> <code>{x.handle}</code> <span class="badge">{STATUS_LABELS[x.status] ?? x.status}</span></li>)}
        </ul>
      ) : null}
    </AdminLayout>
  )
}
