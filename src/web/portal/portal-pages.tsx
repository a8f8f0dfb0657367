import { CsrfInput, ErrorSummary, euros, Kpi, TextField } from '../admin/kit.tsx'
import { BarChart } from './bar-chart.tsx'
import { frDay, percent } from './labels.ts'
import { PortalBareLayout, PortalLayout, type PortalView } from './layout.tsx'
// Types only: views receive plain data.
import type { PortalHome, PortalProduct, PortalSales } from '../../modules/portal/index.ts'

/** E-mail and password; `message`: wrong credentials or locked account, said plainly. */
export function PortalSignInPage(p: { asset: (n: string) => string; csrf: string; email?: string; message?: string | null; status?: string | null }) {
  return (
    <PortalBareLayout title="Connexion au portail producteur" asset={p.asset}>
      {p.status ? <p class="flash" role="status">{p.status}</p> : null}
      <ErrorSummary errors={{}} message={p.message} />
      <form method="post" action="/portail/connexion" novalidate>
        <CsrfInput token={p.csrf} />
        <TextField name="email" label="Adresse e-mail" type="email" value={p.email} autoComplete="username" required />
        <TextField name="password" label="Mot de passe" type="password" autoComplete="current-password" required />
        <button type="submit" class="primary">Se connecter</button>
      </form>
    </PortalBareLayout>
  )
}

export function PortalHomePage(p: { view: PortalView; home: PortalHome }) {
  const { home } = p
  return (
    <PortalLayout view={p.view} title={p.view.producer.name}>
      <section class="kpis" aria-label="Cette semaine">
        <Kpi label={`Unités vendues depuis le ${frDay(home.week.since)}`} value={home.week.units} href="/portail/ventes" />
        <Kpi label="Ventes HT cette semaine" value={euros(home.week.net)} href="/portail/ventes" />
        <Kpi label="Bons de commande à confirmer" value={home.toConfirm.length} href="/portail/commandes" />
        <Kpi label={home.nextPayment ? `Prochain paiement, le ${frDay(home.nextPayment.dueOn)} (${home.nextPayment.number})` : 'Aucun paiement en attente'} value={home.nextPayment ? euros(home.nextPayment.amount) : '—'} href={home.nextPayment?.kind === 'statement' ? '/portail/releves' : '/portail/factures'} />
      </section>
      <h2>Lots proches de la date limite</h2>
      {home.expiring.length === 0 ? (
        <p>Aucun lot en stock n’approche de sa date limite.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Lots proches de la date limite</caption>
          <thead><tr><th scope="col">Article</th><th scope="col">Lot</th><th scope="col">Entrepôt</th><th scope="col">À consommer avant</th><th scope="col" class="num">En stock</th></tr></thead>
          <tbody>
            {home.expiring.map((e) => (
              <tr><td>{e.name} <small>{e.sku}</small></td><td>{e.lotCode}</td><td>{e.warehouseCode}</td><td>{frDay(e.bestBefore)}</td><td class="num">{e.onHand}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Bons de commande à confirmer</h2>
      {home.toConfirm.length === 0 ? <p>Aucun bon de commande en attente.</p> : (
        <ul>{home.toConfirm.map((o) => <li><a href={`/portail/commandes/${o.id}`}>{o.number}</a> — {euros(o.totalNet)} HT</li>)}</ul>
      )}
    </PortalLayout>
  )
}

export function PortalProductsPage(p: { view: PortalView; products: PortalProduct[] }) {
  return (
    <PortalLayout view={p.view} title="Produits et stock">
      {p.products.length === 0 ? <p>Aucun produit.</p> : null}
      {p.products.map((product) => (
        <section class="portal-product">
          <h2>{product.name}</h2>
          <p><a href={`/portail/produits/${product.id}/proposer`}>Proposer des textes ou des photos</a></p>
          <table>
            <caption class="visually-hidden">{`Stock de ${product.name}`}</caption>
            <thead><tr><th scope="col">Article</th><th scope="col">Lot</th><th scope="col">Entrepôt</th><th scope="col">À consommer avant</th><th scope="col" class="num">En stock</th><th scope="col" class="num">Disponible</th></tr></thead>
            <tbody>
              {product.variants.flatMap((v) =>
                v.lots.length === 0
                  ? [<tr><td>{v.name} <small>{v.sku}</small></td><td colSpan={3}>Aucun lot en stock</td><td class="num">0</td><td class="num">0</td></tr>]
                  : v.lots.map((l) => (
                      <tr><td>{v.name} <small>{v.sku}</small></td><td>{l.lotCode}</td><td>{l.warehouseName} ({l.warehouseCode})</td><td>{frDay(l.bestBefore)}</td><td class="num">{l.onHand}</td><td class="num">{l.free}</td></tr>
                    )),
              )}
            </tbody>
          </table>
        </section>
      ))}
    </PortalLayout>
  )
}

export function PortalSalesPage(p: { view: PortalView; sales: PortalSales }) {
  const { sales } = p
  return (
    <PortalLayout view={p.view} title="Ventes des 12 dernières semaines">
      <p>Commandes payées et non annulées, vos produits seulement ; montants hors TVA, remises déduites. <a href="/portail/ventes.csv" download>Télécharger en CSV</a></p>
      <BarChart id="sales-net" title="Ventes HT par semaine" unit="euros HT" bars={sales.weeks.map((w) => ({ label: w.label.slice(0, 3), value: w.net, display: euros(w.net) }))} />
      <table>
        <caption>Ventes par semaine ISO</caption>
        <thead><tr><th scope="col">Semaine</th><th scope="col">Du</th><th scope="col" class="num">Unités</th><th scope="col" class="num">Ventes HT</th></tr></thead>
        <tbody>
          {sales.weeks.map((w) => <tr><th scope="row">{w.label}</th><td>{frDay(w.weekStart)}</td><td class="num">{w.units}</td><td class="num">{euros(w.net)}</td></tr>)}
        </tbody>
        <tfoot><tr><th scope="row" colSpan={2}>Total</th><td class="num">{sales.totalUnits}</td><td class="num">{euros(sales.totalNet)}</td></tr></tfoot>
      </table>
      <h2>Taux d’écoulement par produit</h2>
      <p>Vendus sur la période ÷ (vendus + en stock aujourd’hui).</p>
      <table>
        <caption class="visually-hidden">Taux d’écoulement par produit</caption>
        <thead><tr><th scope="col">Produit</th><th scope="col" class="num">Vendus</th><th scope="col" class="num">En stock</th><th scope="col" class="num">Écoulement</th></tr></thead>
        <tbody>
          {sales.products.map((s) => <tr><th scope="row">{s.name}</th><td class="num">{s.sold}</td><td class="num">{s.onHand}</td><td class="num">{percent(s.sellThroughBp)}</td></tr>)}
        </tbody>
      </table>
    </PortalLayout>
  )
}
