import { CsrfInput, dateTime, ErrorSummary, TextArea, type FormErrors } from './kit.tsx'
import { AdminLayout, type AdminView } from './layout.tsx'
import { imageUrl } from '../../modules/media/index.ts'
import type { ProposalForReview } from '../../modules/portal/index.ts'

const FIELD_LABELS: Readonly<Record<string, string>> = {
  name_fr: 'Nom (français)', name_en: 'Nom (anglais)', description_fr: 'Description (français)', description_en: 'Description (anglais)',
}
const STATUS: Readonly<Record<string, string>> = { pending: 'En attente', approved: 'Acceptée', rejected: 'Refusée', withdrawn: 'Retirée' }

type PendingRow = { id: string; producerName: string; productName: string; fields: string[]; images: number; createdAt: Date }

/** Proposals awaiting a decision, oldest first. */
export function ProposalListPage(p: { view: AdminView; rows: PendingRow[]; flash?: string | null }) {
  return (
    <AdminLayout view={p.view} title="Propositions des producteurs" flash={p.flash}>
      <table>
        <caption class="visually-hidden">Propositions en attente</caption>
        <thead><tr><th scope="col">Reçue le</th><th scope="col">Producteur</th><th scope="col">Produit</th><th scope="col">Contenu</th></tr></thead>
        <tbody>
          {p.rows.length === 0 ? <tr><td colSpan={4} class="empty">Aucune proposition en attente.</td></tr> : p.rows.map((r) => (
            <tr>
              <td><a href={`/admin/propositions/${r.id}`}>{dateTime(r.createdAt)}</a></td><td>{r.producerName}</td><td>{r.productName}</td>
              <td>{[...r.fields.map((f) => FIELD_LABELS[f] ?? f), ...(r.images ? [`${r.images} photo(s)`] : [])].join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  )
}

/** Current and proposed texts side by side (escaped by Preact), the proposed pictures, and the decision forms. */
export function ProposalReviewPage(p: { view: AdminView; proposal: ProposalForReview; errors?: FormErrors; message?: string | null; note?: string }) {
  const x = p.proposal
  const errors = p.errors ?? {}
  return (
    <AdminLayout view={p.view} title={`Proposition de ${x.producerName}`}>
      <p>{`Envoyée le ${dateTime(x.createdAt)} par ${x.proposedBy} — ${STATUS[x.status] ?? x.status}`}</p>
      <p><a href={`/admin/produits/${x.product.id}`}>Ouvrir la fiche produit</a></p>
      {x.message ? <blockquote>{x.message}</blockquote> : null}
      <ErrorSummary errors={errors} message={p.message} />
      {Object.keys(x.changes).length ? (
        <table class="diff">
          <caption>Textes</caption>
          <thead><tr><th scope="col">Champ</th><th scope="col">Actuel</th><th scope="col">Proposé</th></tr></thead>
          <tbody>
            {Object.entries(x.changes).map(([field, proposed]) => (
              <tr>
                <th scope="row">{FIELD_LABELS[field] ?? field}</th>
                <td class="diff-old"><del>{x.product[field as keyof typeof x.product] ?? '—'}</del></td>
                <td class="diff-new"><ins>{proposed ?? '(vide)'}</ins></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {x.images.length ? (
        <>
          <h2>Photos proposées</h2>
          <ul class="thumbs">{x.images.map((i) => <li><img src={imageUrl(i.storageKey, Math.min(...i.widths), 'webp')} alt={i.alt} width={240} /></li>)}</ul>
        </>
      ) : null}
      {x.status === 'pending' ? (
        <>
          <form method="post" action={`/admin/propositions/${x.id}/accepter`}>
            <CsrfInput token={p.view.csrf} />
            <input type="hidden" name="version" value={String(x.product.version)} />
            <button type="submit" class="primary">Accepter et publier</button>
          </form>
          <form method="post" action={`/admin/propositions/${x.id}/refuser`} novalidate>
            <CsrfInput token={p.view.csrf} />
            <TextArea name="note" label="Motif du refus (lu par le producteur)" value={p.note} rows={3} maxLength={2000} required error={errors.note} />
            <button type="submit">Refuser</button>
          </form>
        </>
      ) : x.reviewNote ? <p>{`Note : ${x.reviewNote}`}</p> : null}
    </AdminLayout>
  )
}
