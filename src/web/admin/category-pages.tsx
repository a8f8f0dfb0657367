import type { AdminCategory } from '../../modules/catalog/index.ts'
import { EditFrame, LangFields, valueOf, type FormValues } from './catalog-kit.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { ErrorSummary, SelectField, TextField, type FormErrors } from './kit.tsx'

export const categoryFormValues = (c: AdminCategory): FormValues => ({
  version: String(c.version), parentId: c.parentId ?? '', code: c.code, position: String(c.position), name_fr: c.name.fr, name_en: c.name.en,
  slugs_fr: c.slugs.fr, slugs_en: c.slugs.en, description_fr: c.description.fr ?? '', description_en: c.description.en ?? '',
})

/** The category tree, indented, with links to edit each one. */
export function CategoryListPage(p: { view: AdminView; categories: AdminCategory[]; flash?: string | null }) {
  return (
    <AdminLayout view={p.view} title="Catégories" flash={p.flash}>
      {mayUse(p.view, 'catalog.edit') ? <p><a href="/admin/categories/nouvelle">Nouvelle catégorie</a></p> : null}
      <div class="table-wrap" role="region" aria-label="Catégories" tabIndex={0}>
        <table>
          <thead><tr><th scope="col">Nom (fr)</th><th scope="col">Nom (en)</th><th scope="col">Code</th><th scope="col">Adresses</th></tr></thead>
          <tbody>
            {p.categories.map((c) => (
              <tr>
                <td style={`padding-left:${0.6 + c.depth * 1.4}rem`}><a href={`/admin/categories/${c.id}`}>{c.name.fr}</a></td>
                <td>{c.name.en}</td>
                <td><code>{c.code}</code></td>
                <td>{c.slugs.fr} / {c.slugs.en}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

/** A category's form (new or existing), French and English side by side. */
export function CategoryEditPage(p: { view: AdminView; category: AdminCategory | null; categories: AdminCategory[]; values: FormValues; errors?: FormErrors | undefined; message?: string | null | undefined; flash?: string | null }) {
  const e = p.errors ?? {}
  const v = p.values
  const parents = p.categories.filter((c) => c.id !== p.category?.id).map((c) => ({ value: c.id, label: `${'— '.repeat(c.depth)}${c.name.fr}` }))
  return (
    <AdminLayout view={p.view} title={p.category ? p.category.name.fr : 'Nouvelle catégorie'} flash={p.flash}>
      <p><a href="/admin/categories">← Catégories</a></p>
      <ErrorSummary errors={e} message={p.message} />
      <EditFrame canEdit={mayUse(p.view, 'catalog.edit')} action={p.category ? `/admin/categories/${p.category.id}` : '/admin/categories/nouvelle'} csrf={p.view.csrf} submit="Enregistrer">
        {p.category ? <input type="hidden" name="version" value={valueOf(v, 'version')} /> : null}
        <LangFields base="name" label="Nom" values={v} errors={e} maxLength={100} required />
        <LangFields base="slugs" label="Adresse (slug)" values={v} errors={e} maxLength={80} hint="Vide : faite à partir du nom." />
        <LangFields base="description" label="Description" values={v} errors={e} area maxLength={5000} />
        <SelectField name="parentId" label="Catégorie parente" value={valueOf(v, 'parentId')} options={parents} blank="(catégorie principale)" error={e.parentId} />
        <TextField name="code" label="Code (import CSV)" value={valueOf(v, 'code')} error={e.code} hint="Vide : fait à partir du nom anglais." maxLength={100} />
        <TextField name="position" label="Position" value={valueOf(v, 'position')} error={e.position} inputMode="numeric" />
      </EditFrame>
    </AdminLayout>
  )
}
