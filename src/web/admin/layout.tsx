import type { ComponentChildren } from 'preact'
import { ADMIN_NAV } from './nav.ts'

/** What every back-office page knows about its request. */
export type AdminView = {
  staff: { name: string; email: string; roles: readonly string[] }
  /** the actions the member's roles grant */
  allowed: ReadonlySet<string>
  /** the current path, to mark the menu entry */
  path: string
  csrf: string
  asset: (name: string) => string
}

export const ROLE_LABELS: Readonly<Record<string, string>> = {
  director: 'Direction',
  product_owner: 'Product owner',
  project_manager: 'Chef de projet',
  ux_designer: 'UX designer',
  e_merchandiser: 'E-merchandiser',
  tech_lead: 'Lead tech',
  data_analyst: 'Data analyst',
  acquisition_manager: 'Responsable acquisition',
  crm_manager: 'Responsable CRM et fidélisation',
  customer_service: 'Service client',
  content_manager: 'Contenus et réseaux sociaux',
  logistics: 'Logistique / entrepôt',
  finance: 'Finance',
  administrator: 'Administrateur',
}

export const mayUse = (view: Pick<AdminView, 'allowed'>, needs: string): boolean => needs === 'signed-in' || view.allowed.has(needs)

/** The back-office page frame: skip link, header with the member and sign-out, the menu of allowed sections. */
export function AdminLayout(props: { view: AdminView; title: string; children: ComponentChildren; flash?: string | null | undefined }) {
  const { view } = props
  const items = ADMIN_NAV.filter((i) => mayUse(view, i.needs))
  const groups = [...new Set(items.map((i) => i.group))]
  const current = items.filter((i) => view.path === i.href || view.path.startsWith(`${i.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]
  return (
    <html lang="fr">
      <AdminHead title={props.title} asset={view.asset} script />
      <body class="admin">
        <a class="skip" href="#main">Aller au contenu</a>
        <header class="admin-header">
          <a class="brand" href="/admin">Lakou · back office</a>
          <span class="who">
            {view.staff.name} <small>({view.staff.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')})</small>
          </span>
          <a href="/admin/compte">Mon compte</a>
          <form method="post" action="/admin/deconnexion" class="inline">
            <input type="hidden" name="_csrf" value={view.csrf} />
            <button type="submit" class="link">Se déconnecter</button>
          </form>
        </header>
        <div class="admin-body">
          <nav class="admin-nav" aria-label="Back office">
            {groups.map((g) => (
              <section>
                <h2>{g}</h2>
                <ul>
                  {items
                    .filter((i) => i.group === g)
                    .map((i) => (
                      <li>
                        <a href={i.href} aria-current={i === current ? 'page' : undefined}>{i.label}</a>
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </nav>
          <main id="main" tabIndex={-1}>
            <h1>{props.title}</h1>
            {props.flash ? <p class="flash" role="status">{props.flash}</p> : null}
            {props.children}
          </main>
        </div>
      </body>
    </html>
  )
}

/** The head of every back-office page: never indexed, one stylesheet, the small script on framed pages. */
function AdminHead(p: { title: string; asset: (name: string) => string; script?: boolean }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex, nofollow" />
      <title>{`${p.title} · Lakou back office`}</title>
      <link rel="stylesheet" href={p.asset('admin.css')} />
      <link rel="icon" href={p.asset('favicon.svg')} type="image/svg+xml" />
      {p.script ? <script src={p.asset('admin.js')} defer></script> : null}
    </head>
  )
}

/** A page without the menu (sign-in, second factor). */
export function AdminBareLayout(props: { title: string; asset: (name: string) => string; children: ComponentChildren }) {
  return (
    <html lang="fr">
      <AdminHead title={props.title} asset={props.asset} />
      <body class="admin bare">
        <main id="main" class="narrow">
          <p class="brand">Lakou · back office</p>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  )
}
