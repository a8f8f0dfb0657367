import { CsrfInput, dateTime, ErrorSummary, TextField, type FormErrors } from './kit.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'

type Account = { id: string; email: string; name: string; active: boolean; lockedUntil: Date | null; createdAt: Date }

/**
 * A producer's portal accounts: the list (supply.read), a creation form and deactivation
 * (supply.manage). A generated password is shown once, right after the creation.
 */
export function ProducerAccountsPage(p: {
  view: AdminView
  producer: { id: string; tradeName: string }
  accounts: Account[]
  values?: { name?: string; email?: string }
  errors?: FormErrors
  created?: { email: string; password: string | null } | null
  flash?: string | null
}) {
  const canManage = mayUse(p.view, 'supply.manage')
  const base = `/admin/producteurs/${p.producer.id}/comptes`
  const errors = p.errors ?? {}
  return (
    <AdminLayout view={p.view} title={`Portail producteur : ${p.producer.tradeName}`} flash={p.flash}>
      <p><a href={`/admin/producteurs/${p.producer.id}`}>← Fiche du producteur</a></p>
      {p.created ? (
        <div class="flash" role="status">
          <p>{`Le compte ${p.created.email} est créé.`}</p>
          {p.created.password ? (
            <p>Mot de passe généré, affiché une seule fois : <code>{p.created.password}</code> — transmettez-le au producteur par un canal sûr.</p>
          ) : null}
        </div>
      ) : null}
      <table>
        <caption>Comptes du portail</caption>
        <thead><tr><th scope="col">Nom</th><th scope="col">E-mail</th><th scope="col">État</th><th scope="col">Créé le</th>{canManage ? <th scope="col">Action</th> : null}</tr></thead>
        <tbody>
          {p.accounts.length === 0 ? <tr><td colSpan={canManage ? 5 : 4} class="empty">Aucun compte.</td></tr> : p.accounts.map((a) => (
            <tr>
              <td>{a.name}</td><td>{a.email}</td>
              <td>{!a.active ? 'Désactivé' : a.lockedUntil && a.lockedUntil > new Date() ? `Bloqué jusqu’au ${dateTime(a.lockedUntil)}` : 'Actif'}</td>
              <td>{dateTime(a.createdAt)}</td>
              {canManage ? (
                <td>
                  {a.active ? (
                    <form method="post" action={`${base}/${a.id}/desactiver`} class="inline">
                      <CsrfInput token={p.view.csrf} />
                      <button type="submit" class="link">{`Désactiver ${a.email}`}</button>
                    </form>
                  ) : '—'}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage ? (
        <>
          <h2>Nouveau compte</h2>
          <ErrorSummary errors={errors} />
          <form method="post" action={base} novalidate>
            <CsrfInput token={p.view.csrf} />
            <TextField name="name" label="Nom" value={p.values?.name} maxLength={120} required error={errors.name} />
            <TextField name="email" label="Adresse e-mail" type="email" value={p.values?.email} maxLength={254} required error={errors.email} />
            <TextField name="password" label="Mot de passe initial" type="password" autoComplete="new-password" hint="12 caractères au moins. Laissez vide pour en générer un, affiché une seule fois." error={errors.password} />
            <button type="submit" class="primary">Créer le compte</button>
          </form>
        </>
      ) : null}
    </AdminLayout>
  )
}
