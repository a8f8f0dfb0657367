import type { ProducerForEdit, ProducerRef } from '../../modules/producers/index.ts'
import { imageUrl } from '../../modules/media/index.ts'
import { EditFrame, LangFields, valueOf, type FormValues } from './catalog-kit.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, TextField, type FormErrors } from './kit.tsx'

export const producerFormValues = (p: ProducerForEdit): FormValues => ({
  version: String(p.version), story_fr: p.story.fr ?? '', story_en: p.story.en ?? '', tagline_fr: p.tagline.fr ?? '', tagline_en: p.tagline.en ?? '',
})

export function ProducerListPage(p: { view: AdminView; producers: ProducerRef[] }) {
  return (
    <AdminLayout view={p.view} title="Producteurs">
      <div class="table-wrap" role="region" aria-label="Producteurs" tabIndex={0}>
        <table>
          <thead><tr><th scope="col">Nom</th><th scope="col">Code</th><th scope="col">Statut</th><th scope="col">IBAN</th></tr></thead>
          <tbody>
            {p.producers.map((x) => (
              <tr><td><a href={`/admin/producteurs/${x.id}`}>{x.tradeName}</a></td><td><code>{x.code}</code></td><td>{x.status}</td><td>{x.ibanMasked ?? 'non renseigné'}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}

/** A producer's story and tagline in French and English, and the portrait. */
export function ProducerEditPage(p: { view: AdminView; producer: ProducerForEdit; values: FormValues; errors?: FormErrors | undefined; message?: string | null | undefined; uploadError?: string | null | undefined; flash?: string | null }) {
  const { producer, view } = p
  const e = p.errors ?? {}
  const canEdit = mayUse(view, 'catalog.edit')
  return (
    <AdminLayout view={view} title={producer.tradeName} flash={p.flash}>
      <p><a href="/admin/producteurs">← Producteurs</a> · <a href={`/fr/producteurs/${producer.slug}`}>voir dans la boutique</a> · <a href={`/admin/candidatures/${producer.id}`}>sélection et accord</a> · <a href={`/admin/producteurs/${producer.id}/comptes`}>comptes du portail</a>{mayUse(view, 'payables.read') ? <> · <a href={`/admin/producteurs/${producer.id}/banque`}>coordonnées bancaires</a></> : null}</p>
      <ErrorSummary errors={e} message={p.message} />
      <EditFrame canEdit={canEdit} action={`/admin/producteurs/${producer.id}`} csrf={view.csrf} submit="Enregistrer l’histoire">
        <input type="hidden" name="version" value={valueOf(p.values, 'version')} />
        <LangFields base="tagline" label="Accroche" values={p.values} errors={e} maxLength={160} />
        <LangFields base="story" label="Histoire" values={p.values} errors={e} area rows={12} maxLength={10000} />
      </EditFrame>
      <section class="panel" id="photo" aria-labelledby="photo-h">
        <h2 id="photo-h">Portrait</h2>
        {producer.image ? <img src={imageUrl(producer.image.key, Math.min(...producer.image.widths), 'webp')} alt={producer.image.alt.fr} width={200} /> : <p>Aucune photo.</p>}
        {canEdit && mayUse(view, 'media.upload') ? (
          <form method="post" action={`/admin/producteurs/${producer.id}/photo`} enctype="multipart/form-data" novalidate>
            <CsrfInput token={view.csrf} />
            {p.uploadError ? <p class="error" role="alert" id="upload-error">{p.uploadError}</p> : null}
            <div class="field">
              <label for="f-file">Fichier (JPEG, PNG, WebP ou AVIF, 10 Mo au plus)</label>
              <input id="f-file" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/avif" required />
            </div>
            <div class="two-langs">
              <TextField name="alt_fr" label="Description de l’image (français)" maxLength={300} required />
              <TextField name="alt_en" label="Description de l’image (anglais)" maxLength={300} required />
            </div>
            <button type="submit" class="primary">Remplacer le portrait</button>
          </form>
        ) : null}
      </section>
    </AdminLayout>
  )
}
