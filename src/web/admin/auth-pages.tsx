import { AdminBareLayout, AdminLayout, type AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, TextField } from './kit.tsx'

type Asset = (name: string) => string

/** E-mail and password. `message`: wrong credentials or locked account, said plainly. */
export function StaffSignInPage(p: { asset: Asset; csrf: string; email?: string; next?: string | undefined; message?: string | null; status?: string | null }) {
  return (
    <AdminBareLayout title="Connexion" asset={p.asset}>
      {p.status ? <p class="flash" role="status">{p.status}</p> : null}
      <ErrorSummary errors={{}} message={p.message} />
      <form method="post" action="/admin/connexion" novalidate>
        <CsrfInput token={p.csrf} />
        {p.next ? <input type="hidden" name="suite" value={p.next} /> : null}
        <TextField name="email" label="Adresse e-mail" type="email" value={p.email} autoComplete="username" required />
        <TextField name="password" label="Mot de passe" type="password" autoComplete="current-password" required />
        <button type="submit" class="primary">Se connecter</button>
      </form>
    </AdminBareLayout>
  )
}

/** The TOTP code after the password (second factor). */
export function StaffCodePage(p: { asset: Asset; csrf: string; next?: string | undefined; message?: string | null }) {
  return (
    <AdminBareLayout title="Code de vérification" asset={p.asset}>
      <p>Saisissez le code à 6 chiffres affiché par votre application d’authentification.</p>
      <ErrorSummary errors={{}} message={p.message} />
      <form method="post" action="/admin/connexion/code" novalidate>
        <CsrfInput token={p.csrf} />
        {p.next ? <input type="hidden" name="suite" value={p.next} /> : null}
        <TextField name="code" label="Code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
        <button type="submit" class="primary">Valider</button>
      </form>
      <form method="post" action="/admin/deconnexion" class="inline">
        <CsrfInput token={p.csrf} />
        <button type="submit" class="link">Annuler et se déconnecter</button>
      </form>
    </AdminBareLayout>
  )
}

/** 403 inside the frame: the member sees the menu of what they may use. */
export function DeniedPage({ view }: { view: AdminView }) {
  return (
    <AdminLayout view={view} title="Accès refusé">
      <p>Vos rôles ne donnent pas accès à cette page. Demandez à un administrateur si vous en avez besoin.</p>
      <p><a href="/admin">Retour à l’accueil</a></p>
    </AdminLayout>
  )
}

/** The member's own account: the second factor (enrol with a QR code, or its state). */
export function AccountPage(p: { view: AdminView; totpEnabled: boolean; enrollment?: { qrDataUrl: string; secret: string } | null; error?: string | null; flash?: string | null }) {
  return (
    <AdminLayout view={p.view} title="Mon compte" flash={p.flash}>
      <dl class="facts">
        <dt>Nom</dt>
        <dd>{p.view.staff.name}</dd>
        <dt>E-mail</dt>
        <dd>{p.view.staff.email}</dd>
      </dl>
      <h2>Double authentification (TOTP)</h2>
      {p.totpEnabled ? (
        <p>La double authentification est active : un code vous est demandé à chaque connexion.</p>
      ) : p.enrollment ? (
        <>
          <p>Scannez ce QR code avec votre application (Aegis, FreeOTP, Google Authenticator…), puis saisissez le code affiché.</p>
          <img src={p.enrollment.qrDataUrl} alt="QR code de la double authentification" width={200} height={200} />
          <p>
            Ou saisissez la clé : <code>{p.enrollment.secret}</code>
          </p>
          <ErrorSummary errors={p.error ? { code: p.error } : {}} />
          <form method="post" action="/admin/compte/totp/confirmer" novalidate>
            <CsrfInput token={p.view.csrf} />
            <TextField name="code" label="Code à 6 chiffres" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required error={p.error ?? undefined} />
            <button type="submit" class="primary">Activer</button>
          </form>
        </>
      ) : (
        <form method="post" action="/admin/compte/totp">
          <CsrfInput token={p.view.csrf} />
          <p>Protégez votre compte par un code à usage unique en plus du mot de passe.</p>
          <button type="submit" class="primary">Activer la double authentification</button>
        </form>
      )}
    </AdminLayout>
  )
}
