import type { ProductForEdit, ProductPicture } from '../../modules/catalog/index.ts'
import { imageUrl } from '../../modules/media/index.ts'
import { EditFrame, isOn, LangFields, STATUS_LABELS, valueOf, valuesOf, type FormValues } from './catalog-kit.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { Checkbox, CheckboxGroup, CsrfInput, ErrorSummary, euros, SelectField, TextField, type FormErrors } from './kit.tsx'

/** The lists a product form picks from. */
export type ProductChoices = {
  producers: { value: string; label: string }[]
  categories: { value: string; label: string }[]
  vatCategories: string[]
  shippingClasses: string[]
  territories: string[]
  labels: string[]
  markets: string[]
}

/** The form values of a stored product (the editor starts from these). */
export function productFormValues(p: ProductForEdit): FormValues {
  const on = (b: boolean) => (b ? 'on' : '')
  return {
    version: String(p.version), handle: p.handle, slugs_fr: p.slug_fr, slugs_en: p.slug_en, producerId: p.producer_id, categoryId: p.category_id,
    name_fr: p.name_fr, name_en: p.name_en, description_fr: p.description_fr ?? '', description_en: p.description_en ?? '',
    sellingPoints_fr: p.selling_points_fr.join('\n'), sellingPoints_en: p.selling_points_en.join('\n'),
    vatCategoryCode: p.vat_category_code, shippingClassCode: p.shipping_class_code, ageRestricted: on(p.age_restricted), minAge: p.min_age == null ? '' : String(p.min_age),
    perishable: on(p.perishable), fragile: on(p.fragile), storage: p.storage ?? '', originTerritory: p.origin_territory ?? '', originCommune: p.origin_commune ?? '',
    featured: on(p.featured), labels: p.labels,
  }
}

export type ProductEditProps = {
  view: AdminView
  /** null: the creation form */
  product: ProductForEdit | null
  pictures: ProductPicture[]
  choices: ProductChoices
  values: FormValues
  errors?: FormErrors | undefined
  message?: string | null | undefined
  /** set when a save was refused because someone else saved first: their values */
  conflict?: ProductForEdit | null | undefined
  upload?: { error?: string | undefined; alt_fr?: string; alt_en?: string } | undefined
  statusError?: string | null | undefined
  flash?: string | null | undefined
}

const opts = (codes: string[]) => codes.map((c) => ({ value: c, label: c }))

/** The product form: French and English side by side, shared fields, then variants, pictures and status. */
export function ProductEditPage(p: ProductEditProps) {
  const { view, product, values: v } = p
  const errors = p.errors ?? {}
  const canEdit = mayUse(view, 'catalog.edit')
  const title = product ? product.name_fr : 'Nouveau produit'
  return (
    <AdminLayout view={view} title={title} flash={p.flash}>
      {product ? (
        <p class="product-meta">
          <span class={`badge status-${product.status.toLowerCase()}`}>{STATUS_LABELS[product.status]}</span> · référence <code>{product.handle}</code> · version {product.version} ·{' '}
          <a href={`/fr/p/${product.slug_fr}`}>voir dans la boutique (fr)</a> · <a href={`/en/p/${product.slug_en}`}>(en)</a>
        </p>
      ) : null}
      {p.conflict ? <ConflictNotice current={p.conflict} /> : null}
      <ErrorSummary errors={errors} message={p.conflict ? null : p.message} />
      <EditFrame canEdit={canEdit} action={product ? `/admin/produits/${product.id}` : '/admin/produits/nouveau'} csrf={view.csrf} id="product-form" submit={product ? 'Enregistrer' : 'Créer le produit'}>
        {product ? <input type="hidden" name="version" value={valueOf(v, 'version')} /> : null}
        <h2>Textes</h2>
        <LangFields base="name" label="Nom" values={v} errors={errors} maxLength={200} required />
        <LangFields base="description" label="Description" values={v} errors={errors} area rows={6} maxLength={5000} />
        <LangFields base="sellingPoints" label="Arguments (un par ligne)" values={v} errors={errors} area rows={4} />
        <LangFields base="slugs" label="Adresse (slug)" values={v} errors={errors} hint="Vide : faite à partir du nom." maxLength={80} />
        <h2>Classement</h2>
        <TextField name="handle" label="Référence (handle)" value={valueOf(v, 'handle')} error={errors.handle} hint="Clé stable pour l’import CSV ; vide : faite à partir du nom français." maxLength={80} />
        <SelectField name="producerId" label="Producteur" value={valueOf(v, 'producerId')} options={p.choices.producers} blank="Choisir…" error={errors.producerId} required />
        <SelectField name="categoryId" label="Catégorie" value={valueOf(v, 'categoryId')} options={p.choices.categories} blank="Choisir…" error={errors.categoryId} required />
        <SelectField name="vatCategoryCode" label="Catégorie de TVA" value={valueOf(v, 'vatCategoryCode')} options={opts(p.choices.vatCategories)} blank="Choisir…" error={errors.vatCategoryCode} required />
        <SelectField name="shippingClassCode" label="Classe d’expédition" value={valueOf(v, 'shippingClassCode')} options={opts(p.choices.shippingClasses)} blank="Choisir…" error={errors.shippingClassCode} required />
        <div class="checks">
          <Checkbox name="ageRestricted" label="Réservé aux adultes" checked={isOn(v, 'ageRestricted')} />
          <Checkbox name="perishable" label="Périssable" checked={isOn(v, 'perishable')} />
          <Checkbox name="fragile" label="Fragile" checked={isOn(v, 'fragile')} />
          <Checkbox name="featured" label="Mis en avant" checked={isOn(v, 'featured')} />
        </div>
        <TextField name="minAge" label="Âge minimum" type="number" value={valueOf(v, 'minAge')} error={errors.minAge} inputMode="numeric" />
        <TextField name="storage" label="Conservation" value={valueOf(v, 'storage')} error={errors.storage} maxLength={100} />
        <SelectField name="originTerritory" label="Territoire d’origine" value={valueOf(v, 'originTerritory')} options={opts(p.choices.territories)} blank="—" error={errors.originTerritory} />
        <TextField name="originCommune" label="Commune d’origine" value={valueOf(v, 'originCommune')} error={errors.originCommune} maxLength={100} />
        <CheckboxGroup name="labels" label="Labels" values={valuesOf(v, 'labels')} options={opts(p.choices.labels)} error={errors.labels} />
      </EditFrame>
      {product ? <Variants view={view} product={product} canEdit={canEdit} /> : null}
      {product ? <Pictures view={view} product={product} pictures={p.pictures} upload={p.upload} canEdit={canEdit} /> : null}
      {product ? <StatusButtons view={view} product={product} error={p.statusError} canEdit={canEdit} /> : null}
    </AdminLayout>
  )
}

/** Someone saved first: say so, and show what they saved (nothing of theirs was overwritten). */
function ConflictNotice({ current }: { current: ProductForEdit }) {
  return (
    <div class="form-errors conflict" role="alert" id="form-errors" tabIndex={-1}>
      <h2>Ce produit a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert</h2>
      <p>
        Rien n’a été enregistré. Vos saisies sont conservées dans le formulaire ci-dessous ; voici la version {current.version} enregistrée entre-temps.
        Enregistrez à nouveau pour la remplacer par vos saisies, ou <a href={`/admin/produits/${current.id}`}>rechargez la page</a> pour repartir de la dernière version.
      </p>
      <dl class="facts">
        <dt>Nom (fr)</dt><dd>{current.name_fr}</dd>
        <dt>Nom (en)</dt><dd>{current.name_en}</dd>
        <dt>Description (fr)</dt><dd>{current.description_fr ?? '—'}</dd>
        <dt>Description (en)</dt><dd>{current.description_en ?? '—'}</dd>
        <dt>Statut</dt><dd>{STATUS_LABELS[current.status]}</dd>
      </dl>
    </div>
  )
}

function Variants({ product, canEdit }: { view: AdminView; product: ProductForEdit; canEdit: boolean }) {
  const markets = [...new Set(product.variants.flatMap((x) => Object.keys(x.prices.retail)))].sort()
  return (
    <section class="panel" aria-labelledby="variants-h">
      <h2 id="variants-h">Variantes et prix</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Option</th>
              <th scope="col">Quantité</th>
              <th scope="col" class="num">Poids (g)</th>
              <th scope="col" class="num">Degré</th>
              {markets.map((m) => <th scope="col" class="num">Prix {m}</th>)}
              <th scope="col">Statut</th>
            </tr>
          </thead>
          <tbody>
            {product.variants.length === 0 ? (
              <tr><td colSpan={6 + markets.length} class="empty">Aucune variante : ajoutez-en une avant de mettre le produit en vente.</td></tr>
            ) : (
              product.variants.map((x) => (
                <tr>
                  <td><a href={`/admin/produits/${product.id}/variantes/${x.id}`}>{x.sku}</a></td>
                  <td>{x.option_label_fr} / {x.option_label_en}</td>
                  <td>{`${x.net_quantity} ${x.net_quantity_unit}`}</td>
                  <td class="num">{x.gross_weight_g}</td>
                  <td class="num">{x.abv == null ? '—' : `${x.abv} %`}</td>
                  {markets.map((m) => <td class="num">{euros(x.prices.retail[m] ?? null)}</td>)}
                  <td>{x.status === 'ACTIVE' ? 'active' : 'archivée'}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {canEdit ? <p><a href={`/admin/produits/${product.id}/variantes/nouvelle`}>Ajouter une variante</a></p> : null}
    </section>
  )
}

function Pictures(p: { view: AdminView; product: ProductForEdit; pictures: ProductPicture[]; upload: ProductEditProps['upload']; canEdit: boolean }) {
  const { view, product, pictures } = p
  const canUpload = p.canEdit && mayUse(view, 'media.upload')
  return (
    <section class="panel" aria-labelledby="pictures-h" id="photos">
      <h2 id="pictures-h">Photos</h2>
      {pictures.length === 0 ? <p>Aucune photo.</p> : null}
      <ol class="pictures">
        {pictures.map((pic, i) => (
          <li>
            <img src={imageUrl(pic.key, Math.min(...pic.widths), 'webp')} alt={pic.alt.fr} width={120} height={Math.round((120 * pic.height) / pic.width)} loading="lazy" />
            <span class="alt">{pic.alt.fr} / {pic.alt.en}</span>
            {p.canEdit ? (
              <span class="picture-actions">
                {i > 0 ? (
                  <form method="post" action={`/admin/produits/${product.id}/photos/${pic.imageId}/premiere`} class="inline">
                    <CsrfInput token={view.csrf} />
                    {pictures.map((x) => <input type="hidden" name="order" value={x.imageId} />)}
                    <button type="submit">Mettre en premier</button>
                  </form>
                ) : <span class="badge">photo principale</span>}
                <form method="post" action={`/admin/produits/${product.id}/photos/${pic.imageId}/retirer`} class="inline" data-confirm="Retirer cette photo du produit ?">
                  <CsrfInput token={view.csrf} />
                  <button type="submit" class="danger">Retirer</button>
                </form>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {canUpload ? (
        <form method="post" action={`/admin/produits/${product.id}/photos`} enctype="multipart/form-data" class={p.upload?.error ? 'upload has-error' : 'upload'} novalidate>
          <CsrfInput token={view.csrf} />
          <h3>Ajouter une photo</h3>
          {p.upload?.error ? <p class="error" role="alert" id="upload-error">{p.upload.error}</p> : null}
          <div class="field">
            <label for="f-file">Fichier (JPEG, PNG, WebP ou AVIF, 10 Mo au plus)</label>
            <input id="f-file" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/avif" required aria-describedby={p.upload?.error ? 'upload-error' : undefined} />
          </div>
          <div class="two-langs">
            <TextField name="alt_fr" label="Description de l’image (français)" value={p.upload?.alt_fr} maxLength={300} required />
            <TextField name="alt_en" label="Description de l’image (anglais)" value={p.upload?.alt_en} maxLength={300} required />
          </div>
          <button type="submit" class="primary">Envoyer la photo</button>
        </form>
      ) : null}
    </section>
  )
}

function StatusButtons(p: { view: AdminView; product: ProductForEdit; error: string | null | undefined; canEdit: boolean }) {
  const { product } = p
  return (
    <section class="panel" aria-labelledby="status-h" id="statut">
      <h2 id="status-h">Statut : {STATUS_LABELS[product.status]}</h2>
      {p.error ? <p class="error" role="alert">{p.error}</p> : null}
      {p.canEdit ? (
        <form method="post" action={`/admin/produits/${product.id}/statut`}>
          <CsrfInput token={p.view.csrf} />
          <input type="hidden" name="version" value={String(product.version)} />
          {(['DRAFT', 'ACTIVE', 'ARCHIVED'] as const).filter((s) => s !== product.status).map((s) => (
            <button type="submit" name="status" value={s} class={s === 'ACTIVE' ? 'primary' : undefined}>
              {s === 'ACTIVE' ? 'Mettre en vente' : s === 'DRAFT' ? 'Repasser en brouillon' : 'Archiver'}
            </button>
          ))}
        </form>
      ) : null}
    </section>
  )
}
