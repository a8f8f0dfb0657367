import { ACTIONS_LABELS } from './action-labels.ts'
import { AdminLayout, ROLE_LABELS, type AdminView } from './layout.tsx'
import { Checkbox, CheckboxGroup, CsrfInput, dateTime, ErrorSummary, type FormErrors, TextField } from './kit.tsx'

export type StaffRow = { id: string; email: string; name: string; roles: readonly string[]; active: boolean; totpEnabled: boolean; lockedUntil: Date | null; createdAt: Date }

const roleOptions = (roles: readonly string[]) => roles.map((r) => ({ value: r, label: ROLE_LABELS[r] ?? r }))

/** The team: members, roles, second factor, and the form to add one. */
export function StaffListPage(p: { view: AdminView; staff: StaffRow[]; roles: readonly string[]; errors?: FormErrors; values?: { email?: string; name?: string; roles?: string[] }; flash?: string | null }) {
  const v = p.values ?? {}
  return (
    <AdminLayout view={p.view} title="Équipe" flash={p.flash}>
      <div class="table-wrap" role="region" aria-label="Membres de l’équipe" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">E-mail</th>
              <th scope="col">Rôles</th>
              <th scope="col">Double authentification</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {p.staff.map((s) => (
              <tr>
                <td><a href={`/admin/equipe/${s.id}`}>{s.name}</a></td>
                <td>{s.email}</td>
                <td>{s.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</td>
                <td>{s.totpEnabled ? 'active' : 'non'}</td>
                <td>{!s.active ? 'désactivé' : s.lockedUntil && s.lockedUntil > new Date() ? `bloqué jusqu’à ${dateTime(s.lockedUntil)}` : 'actif'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="ajouter">Ajouter un membre</h2>
      <ErrorSummary errors={p.errors ?? {}} />
      <form method="post" action="/admin/equipe" novalidate>
        <CsrfInput token={p.view.csrf} />
        <TextField name="name" label="Nom" value={v.name} error={p.errors?.name} required maxLength={120} />
        <TextField name="email" label="Adresse e-mail" type="email" value={v.email} error={p.errors?.email} required autoComplete="off" />
        <TextField name="password" label="Mot de passe initial" type="password" error={p.errors?.password} hint="Au moins 12 caractères ; à transmettre au membre par un canal sûr." required autoComplete="new-password" />
        <CheckboxGroup name="roles" label="Rôles" values={v.roles ?? []} options={roleOptions(p.roles)} error={p.errors?.roles} />
        <button type="submit" class="primary">Créer le compte</button>
      </form>
    </AdminLayout>
  )
}

/** One member: name, roles, active; removing a role or deactivating ends their sessions. */
export function StaffEditPage(p: { view: AdminView; member: StaffRow; roles: readonly string[]; errors?: FormErrors; message?: string | null; flash?: string | null }) {
  const m = p.member
  return (
    <AdminLayout view={p.view} title={m.name} flash={p.flash}>
      <p>{m.email} · compte créé le {dateTime(m.createdAt)}</p>
      <ErrorSummary errors={p.errors ?? {}} message={p.message} />
      <form method="post" action={`/admin/equipe/${m.id}`} novalidate>
        <CsrfInput token={p.view.csrf} />
        <TextField name="name" label="Nom" value={m.name} error={p.errors?.name} required maxLength={120} />
        <CheckboxGroup name="roles" label="Rôles" values={m.roles} options={roleOptions(p.roles)} error={p.errors?.roles} />
        <Checkbox name="active" label="Compte actif (peut se connecter)" checked={m.active} />
        <p class="hint">Retirer un rôle ou désactiver le compte ferme immédiatement ses sessions ouvertes.</p>
        <button type="submit" class="primary">Enregistrer</button>
      </form>
      {m.totpEnabled ? (
        <form method="post" action={`/admin/equipe/${m.id}/totp-reset`}>
          <CsrfInput token={p.view.csrf} />
          <p>Téléphone perdu ? Réinitialisez la double authentification : le membre devra la réactiver.</p>
          <button type="submit">Réinitialiser la double authentification</button>
        </form>
      ) : null}
      <p><a href={`/admin/journal?objet=staff&id=${encodeURIComponent(m.id)}`}>Historique de ce compte</a></p>
    </AdminLayout>
  )
}

/** The one table of roles → actions, as the code enforces it. */
export function PermissionsPage(p: { view: AdminView; roles: readonly string[]; actions: readonly string[]; grants: Readonly<Record<string, readonly string[]>> }) {
  return (
    <AdminLayout view={p.view} title="Rôles et droits">
      <p>Chaque page et chaque action du back office vérifient ce tableau ; le menu n’affiche que ce que vos rôles permettent.</p>
      <div class="table-wrap" role="region" aria-label="Droits par rôle" tabIndex={0}>
        <table class="matrix">
          <thead>
            <tr>
              <th scope="col">Action</th>
              {p.roles.map((r) => <th scope="col">{ROLE_LABELS[r] ?? r}</th>)}
            </tr>
          </thead>
          <tbody>
            {p.actions.map((a) => (
              <tr>
                <th scope="row">
                  {ACTIONS_LABELS[a] ?? a} <code>{a}</code>
                </th>
                {p.roles.map((r) => (p.grants[r]?.includes(a) ? <td class="yes">✓<span class="visually-hidden"> autorisé</span></td> : <td class="no"><span class="visually-hidden">refusé</span></td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  )
}
