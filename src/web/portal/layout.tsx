import type { ComponentChildren } from 'preact'

/** What every portal page knows about its request: who is signed in, for which producer. */
export type PortalView = {
  user: { name: string; email: string }
  producer: { name: string; code: string }
  path: string
  csrf: string
  asset: (name: string) => string
}

export const PORTAL_NAV: readonly { href: string; label: string }[] = [
  { href: '/portail', label: 'Accueil' },
  { href: '/portail/produits', label: 'Produits et stock' },
  { href: '/portail/ventes', label: 'Ventes' },
  { href: '/portail/commandes', label: 'Bons de commande' },
  { href: '/portail/receptions', label: 'Réceptions' },
  { href: '/portail/factures', label: 'Factures' },
  { href: '/portail/releves', label: 'Relevés de dépôt-vente' },
  { href: '/portail/propositions', label: 'Mes propositions' },
]

function PortalHead(p: { title: string; asset: (name: string) => string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex, nofollow" />
      <title>{`${p.title} · Portail producteur Lakou`}</title>
      <link rel="stylesheet" href={p.asset('admin.css')} />
      <link rel="icon" href={p.asset('favicon.svg')} type="image/svg+xml" />
    </head>
  )
}

/** The portal frame (the back office's stylesheet): the producer's name, sign-out, a short menu. */
export function PortalLayout(props: { view: PortalView; title: string; children: ComponentChildren; flash?: string | null | undefined }) {
  const { view } = props
  const current = PORTAL_NAV.filter((i) => view.path === i.href || (i.href !== '/portail' && view.path.startsWith(`${i.href}/`))).sort((a, b) => b.href.length - a.href.length)[0]
  return (
    <html lang="fr">
      <PortalHead title={props.title} asset={view.asset} />
      <body class="admin portal">
        <a class="skip" href="#main">Aller au contenu</a>
        <header class="admin-header">
          <a class="brand" href="/portail">Lakou · portail producteur</a>
          <span class="who">
            {view.user.name} <small>({view.producer.name})</small>
          </span>
          <form method="post" action="/portail/deconnexion" class="inline">
            <input type="hidden" name="_csrf" value={view.csrf} />
            <button type="submit" class="link">Se déconnecter</button>
          </form>
        </header>
        <div class="admin-body">
          <nav class="admin-nav" aria-label="Portail producteur">
            <ul>
              {PORTAL_NAV.map((i) => (
                <li>
                  <a href={i.href} aria-current={i === current ? 'page' : undefined}>{i.label}</a>
                </li>
              ))}
            </ul>
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

/** A page without the menu (sign-in). */
export function PortalBareLayout(props: { title: string; asset: (name: string) => string; children: ComponentChildren }) {
  return (
    <html lang="fr">
      <PortalHead title={props.title} asset={props.asset} />
      <body class="admin bare portal">
        <main id="main" class="narrow">
          <p class="brand">Lakou · portail producteur</p>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  )
}
