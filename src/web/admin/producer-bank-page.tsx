import type { ProducerBank } from '../../modules/producers/index.ts'
import { groupIban, maskIban } from '../../modules/producers/index.ts'
import { EditFrame, valueOf, type FormValues } from './catalog-kit.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { ErrorSummary, TextField, type FormErrors } from './kit.tsx'

export const producerBankValues = (b: ProducerBank): FormValues => ({ iban: b.iban ? groupIban(b.iban) : '', bic: b.bic ?? '', holder: b.holder ?? '' })

/** A producer's bank account: finance edits it (payables.manage); readers see the IBAN masked. */
export function ProducerBankPage(p: { view: AdminView; bank: ProducerBank; values: FormValues; errors?: FormErrors | undefined; flash?: string | null }) {
  const { bank, view } = p
  const e = p.errors ?? {}
  const canEdit = mayUse(view, 'payables.manage')
  return (
    <AdminLayout view={view} title={`Coordonnées bancaires — ${bank.tradeName}`} flash={p.flash}>
      <p><a href={mayUse(view, 'catalog.read') ? `/admin/producteurs/${bank.producerId}` : '/admin/fournisseurs/virements'}>← Retour</a></p>
      <ErrorSummary errors={e} />
      {canEdit ? (
        <EditFrame canEdit action={`/admin/producteurs/${bank.producerId}/banque`} csrf={view.csrf} submit="Enregistrer les coordonnées bancaires">
          <p class="hint">Les virements des campagnes de paiement partent vers ce compte. Les espaces sont acceptés ; videz les trois champs pour retirer le compte.</p>
          <TextField name="iban" label="IBAN" value={valueOf(p.values, 'iban')} error={e.iban} maxLength={60} autoComplete="off" hint="Par exemple FR76 3000 6000 0112 3456 7890 189" />
          <TextField name="bic" label="BIC" value={valueOf(p.values, 'bic')} error={e.bic} maxLength={20} autoComplete="off" hint="8 ou 11 caractères" />
          <TextField name="holder" label="Titulaire du compte" value={valueOf(p.values, 'holder')} error={e.holder} maxLength={140} />
        </EditFrame>
      ) : (
        <dl>
          <dt>IBAN</dt><dd>{bank.iban ? maskIban(bank.iban) : 'non renseigné'}</dd>
          <dt>BIC</dt><dd>{bank.bic ?? '—'}</dd>
          <dt>Titulaire</dt><dd>{bank.holder ?? '—'}</dd>
        </dl>
      )}
    </AdminLayout>
  )
}
