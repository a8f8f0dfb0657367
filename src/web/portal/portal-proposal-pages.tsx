import { CsrfInput, dateTime, ErrorSummary, TextArea, TextField, type FormErrors } from '../admin/kit.tsx'
import { FIELD_LABELS, PROPOSAL_STATUS } from './labels.ts'
import { PortalLayout, type PortalView } from './layout.tsx'
import type { PortalProposal } from '../../modules/portal/index.ts'

type ProductTexts = { id: string; name_fr: string; name_en: string; description_fr: string | null; description_en: string | null }
export type ProposalFormValues = Partial<Record<'name_fr' | 'name_en' | 'description_fr' | 'description_en' | 'message' | 'alt_fr' | 'alt_en', string>>

function ProposalList(p: { proposals: PortalProposal[]; withProduct?: boolean }) {
  if (!p.proposals.length) return <p>Aucune proposition pour l’instant.</p>
  return (
    <table>
      <caption class="visually-hidden">Propositions</caption>
      <thead><tr><th scope="col">Envoyée le</th>{p.withProduct ? <th scope="col">Produit</th> : null}<th scope="col">Contenu</th><th scope="col">Statut</th><th scope="col">Réponse de l’équipe</th></tr></thead>
      <tbody>
        {p.proposals.map((x) => (
          <tr>
            <td>{dateTime(x.createdAt)}</td>
            {p.withProduct ? <td><a href={`/portail/produits/${x.productId}/proposer`}>{x.productName}</a></td> : null}
            <td>{[...Object.keys(x.changes).map((k) => FIELD_LABELS[k] ?? k), ...(x.imageIds.length ? [`${x.imageIds.length} photo(s)`] : [])].join(', ')}</td>
            <td>{PROPOSAL_STATUS[x.status] ?? x.status}</td>
            <td>{x.reviewNote ?? (x.reviewedAt ? '—' : '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Propose new texts (pre-filled with the current ones) or one photo for one of the producer's products. */
export function PortalProposePage(p: { view: PortalView; product: ProductTexts; proposals: PortalProposal[]; values?: ProposalFormValues; errors?: FormErrors; photoErrors?: FormErrors; flash?: string | null }) {
  const v = p.values ?? {}
  const e = p.errors ?? {}
  const pe = p.photoErrors ?? {}
  const val = (k: 'name_fr' | 'name_en' | 'description_fr' | 'description_en') => v[k] ?? p.product[k] ?? ''
  return (
    <PortalLayout view={p.view} title={`Proposer : ${p.product.name_fr}`} flash={p.flash}>
      <p>L’équipe relit chaque proposition avant sa mise en ligne ; vous voyez sa réponse ci-dessous.</p>
      <h2>Textes</h2>
      <ErrorSummary errors={e} />
      <form method="post" action={`/portail/produits/${p.product.id}/proposer`} novalidate>
        <CsrfInput token={p.view.csrf} />
        <TextField name="name_fr" label="Nom (français)" value={val('name_fr')} maxLength={200} required error={e.name_fr} />
        <TextField name="name_en" label="Nom (anglais)" value={val('name_en')} maxLength={200} required error={e.name_en} />
        <TextArea name="description_fr" label="Description (français)" value={val('description_fr')} maxLength={5000} error={e.description_fr} />
        <TextArea name="description_en" label="Description (anglais)" value={val('description_en')} maxLength={5000} error={e.description_en} />
        <TextArea name="message" label="Message à l’équipe (facultatif)" value={v.message} rows={3} maxLength={2000} error={e.message} />
        <button type="submit" class="primary">Proposer ces textes</button>
      </form>
      <h2>Photo</h2>
      <ErrorSummary errors={pe} />
      <form method="post" action={`/portail/produits/${p.product.id}/proposer/photo`} enctype="multipart/form-data" novalidate>
        <CsrfInput token={p.view.csrf} />
        <div class={pe.file ? 'field has-error' : 'field'}>
          <label for="f-file">Photo (JPEG, PNG ou WebP, 10 Mo au plus)</label>
          {pe.file ? <p class="error" id="f-file-error">{pe.file}</p> : null}
          <input id="f-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" required aria-describedby={pe.file ? 'f-file-error' : undefined} />
        </div>
        <TextField name="alt_fr" label="Description de la photo (français)" value={v.alt_fr} maxLength={300} required error={pe.alt_fr} />
        <TextField name="alt_en" label="Description de la photo (anglais)" value={v.alt_en} maxLength={300} required error={pe.alt_en} />
        <button type="submit" class="primary">Proposer cette photo</button>
      </form>
      <h2>Propositions pour ce produit</h2>
      <ProposalList proposals={p.proposals} />
    </PortalLayout>
  )
}

export function PortalProposalsPage(p: { view: PortalView; proposals: PortalProposal[] }) {
  return (
    <PortalLayout view={p.view} title="Mes propositions">
      <p>Pour proposer de nouveaux textes ou une photo, ouvrez un produit depuis <a href="/portail/produits">Produits et stock</a>.</p>
      <ProposalList proposals={p.proposals} withProduct />
    </PortalLayout>
  )
}
