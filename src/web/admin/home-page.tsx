import { AdminLayout, type AdminView, mayUse } from './layout.tsx'
import { dateTime, euros, Kpi } from './kit.tsx'

export type HomeData = {
  orders?: { placedToday: number; revenueTodayGross: number; awaitingPayment: number; toPrepare: number; withdrawalsLast30Days: number } | undefined
  toPrepare?: { id: string; number: string; placedAt: Date; totalGross: number }[] | undefined
  unpaid?: { id: string; number: string; placedAt: Date; totalGross: number; status: string }[] | undefined
  catalog?: { active: number; draft: number; archived: number; activeWithoutImage: number; activeOutOfStock: number } | undefined
  zeroResults?: { normalized: string; locale: string; count: number }[] | undefined
  outbox?: { queued: number; failed: number; kept: number; sent: number } | undefined
  staffWithoutTotp?: { id: string; name: string }[] | undefined
}

function OrderList({ caption, rows }: { caption: string; rows: { id: string; number: string; placedAt: Date; totalGross: number }[] }) {
  return (
    <section class="todo">
      <h3>{caption}</h3>
      {rows.length ? (
        <ul>
          {rows.map((o) => (
            <li>
              <a href={`/admin/commandes/${o.id}`}>{o.number}</a> · {dateTime(o.placedAt)} · {euros(o.totalGross)}
            </li>
          ))}
        </ul>
      ) : (
        <p>Rien à faire.</p>
      )}
    </section>
  )
}

/**
 * A member's home: the KPIs and to-do lists of what their roles let them do. The counts are
 * simple for now; the analytics work (issue 7) replaces them with real metrics and charts.
 */
export function AdminHomePage({ view, data }: { view: AdminView; data: HomeData }) {
  const o = data.orders
  const c = data.catalog
  return (
    <AdminLayout view={view} title={`Bonjour ${view.staff.name}`}>
      {o ? (
        <section class="panel">
          <h2>Commandes</h2>
          <div class="kpis">
            <Kpi label="commandes aujourd’hui" value={o.placedToday} />
            <Kpi label="chiffre d’affaires payé aujourd’hui (TTC)" value={euros(o.revenueTodayGross)} />
            <Kpi label="en attente de paiement" value={o.awaitingPayment} href={mayUse(view, 'orders.read') ? '/admin/commandes?statut=awaiting_payment' : undefined} />
            <Kpi label="payées, à préparer" value={o.toPrepare} href={mayUse(view, 'orders.read') ? '/admin/commandes?statut=paid' : undefined} />
            <Kpi label="rétractations (30 jours)" value={o.withdrawalsLast30Days} />
          </div>
          <div class="todos">
            {data.toPrepare ? <OrderList caption="Les plus anciennes commandes à préparer" rows={data.toPrepare} /> : null}
            {data.unpaid ? <OrderList caption="Commandes en attente de paiement" rows={data.unpaid} /> : null}
          </div>
        </section>
      ) : null}
      {c ? (
        <section class="panel">
          <h2>Catalogue</h2>
          <div class="kpis">
            <Kpi label="produits en vente" value={c.active} href="/admin/produits?statut=ACTIVE" />
            <Kpi label="brouillons" value={c.draft} href="/admin/produits?statut=DRAFT" />
            <Kpi label="en vente sans photo" value={c.activeWithoutImage} />
            <Kpi label="en vente sans stock" value={c.activeOutOfStock} />
          </div>
        </section>
      ) : null}
      {data.zeroResults ? (
        <section class="panel">
          <h2>Recherches sans résultat (7 jours)</h2>
          {data.zeroResults.length ? (
            <ol>
              {data.zeroResults.map((z) => (
                <li>
                  « {z.normalized} » ({z.locale}) — {z.count} fois
                </li>
              ))}
            </ol>
          ) : (
            <p>Aucune cette semaine.</p>
          )}
          {mayUse(view, 'merchandising.edit') ? <p><a href="/admin/recherche">Ajouter des synonymes ou des règles</a></p> : null}
        </section>
      ) : null}
      {data.outbox ? (
        <section class="panel">
          <h2>E-mails</h2>
          <div class="kpis">
            <Kpi label="en file d’attente" value={data.outbox.queued} />
            <Kpi label="en échec" value={data.outbox.failed} href="/admin/emails?statut=FAILED" />
            <Kpi label="gardés (sans SMTP)" value={data.outbox.kept} />
            <Kpi label="envoyés" value={data.outbox.sent} />
          </div>
        </section>
      ) : null}
      {data.staffWithoutTotp ? (
        <section class="panel">
          <h2>Sécurité de l’équipe</h2>
          {data.staffWithoutTotp.length ? (
            <p>
              Sans double authentification :{' '}
              {data.staffWithoutTotp.map((s, i) => (
                <>
                  {i ? ', ' : ''}
                  <a href={`/admin/equipe/${s.id}`}>{s.name}</a>
                </>
              ))}
            </p>
          ) : (
            <p>Tous les membres actifs ont la double authentification.</p>
          )}
        </section>
      ) : null}
    </AdminLayout>
  )
}
