import type { Locale } from '../../kernel/ctx.ts'
import type { OrderView } from '../../modules/orders/index.ts'
import { RETURN_REASONS, type OrderReturnRow, type ReturnableLine, type ReturnStatus } from '../../modules/returns/index.ts'
import { checkoutPaths, withToken } from './checkout/checkout-paths.ts'
import { CsrfField, ErrorSummary, dateTime, eur, fieldId, type FieldError } from './checkout/kit.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

/** The return form of an order: /fr/commandes/:id/retour, /en/orders/:id/return. */
export const returnPath = (l: Locale, orderId: string): string => `${checkoutPaths.order(l, orderId)}/${l === 'fr' ? 'retour' : 'return'}`

// The shopper's words for returns, in both languages (kept with the page: the shared i18n
// catalogue belongs to the checkout team).
const TEXT = {
  fr: {
    title: (n: string) => `Retourner des articles — commande ${n}`,
    intro: 'Choisissez les articles et les quantités à renvoyer, puis le motif. Un conseiller examine votre demande et vous écrit avec l’adresse où envoyer le colis : n’envoyez rien avant sa réponse.',
    window: (d: string) => `Vous pouvez demander un retour jusqu’au ${d}.`,
    closed: 'Le délai de retour de cette commande est dépassé, ou aucun de ses articles ne peut plus être retourné.',
    notShipped: 'Les retours s’ouvrent quand la commande a été expédiée.',
    lines: 'Articles à retourner',
    quantity: 'Quantité à retourner',
    none: '0 (ne pas retourner)',
    excluded: (names: string) => `Ne peuvent pas être retournés (denrées périssables, fleurs, produits descellés ou faits sur commande) : ${names}.`,
    reason: 'Motif du retour',
    reasons: { changed_mind: 'Ne me convient pas / changement d’avis', damaged: 'Article abîmé à la livraison', wrong_item: 'Article différent de celui commandé', not_as_described: 'Non conforme à la description', other: 'Autre motif' },
    details: 'Précisions',
    detailsHint: 'Obligatoire pour « Autre motif » ; 1 500 caractères au plus.',
    optional: '(facultatif)',
    submit: 'Envoyer la demande de retour',
    back: 'Retour à la commande',
    yours: 'Vos demandes de retour',
    sent: (n: string) => `Votre demande de retour ${n} est enregistrée. Un e-mail de confirmation vous a été envoyé.`,
    units: (n: number) => `${n} article${n > 1 ? 's' : ''}`,
    status: { requested: 'En cours d’examen', approved: 'Acceptée : envoyez le colis', rejected: 'Refusée', received: 'Colis reçu, remboursement en cours', refunded: 'Remboursée' } as Record<ReturnStatus, string>,
    refunded: (a: string) => `remboursé : ${a}`,
    cta: 'Retourner des articles',
    errLines: 'Choisissez au moins un article à retourner, dans la limite des quantités proposées.',
    errReason: 'Choisissez un motif dans la liste.',
    errDetails: 'Précisez le motif (3 caractères au moins, 1 500 au plus).',
  },
  en: {
    title: (n: string) => `Return items — order ${n}`,
    intro: 'Choose the items and quantities to send back, then the reason. An adviser reviews your request and writes to you with the address to send the parcel to: please do not send anything before that reply.',
    window: (d: string) => `You may ask for a return until ${d}.`,
    closed: 'The return period of this order is over, or none of its items can be returned any more.',
    notShipped: 'Returns open once the order has shipped.',
    lines: 'Items to return',
    quantity: 'Quantity to return',
    none: '0 (keep)',
    excluded: (names: string) => `Cannot be returned (perishable food, flowers, unsealed or made-to-order goods): ${names}.`,
    reason: 'Reason for the return',
    reasons: { changed_mind: 'Not suitable / changed my mind', damaged: 'Damaged on delivery', wrong_item: 'Not the item I ordered', not_as_described: 'Not as described', other: 'Another reason' },
    details: 'Details',
    detailsHint: 'Required for “Another reason”; 1,500 characters at most.',
    optional: '(optional)',
    submit: 'Send the return request',
    back: 'Back to the order',
    yours: 'Your return requests',
    sent: (n: string) => `Your return request ${n} is recorded. A confirmation e-mail is on its way.`,
    units: (n: number) => `${n} item${n > 1 ? 's' : ''}`,
    status: { requested: 'Under review', approved: 'Accepted: send the parcel', rejected: 'Declined', received: 'Parcel received, refund under way', refunded: 'Refunded' } as Record<ReturnStatus, string>,
    refunded: (a: string) => `refunded: ${a}`,
    cta: 'Return items',
    errLines: 'Choose at least one item to return, within the quantities offered.',
    errReason: 'Choose a reason from the list.',
    errDetails: 'Say a little more about the reason (3 to 1,500 characters).',
  },
} as const

export const returnText = (l: Locale) => TEXT[l]
export type ReturnFormValues = { lines: Record<string, number>; reason: string; details: string }

export type ReturnPageProps = {
  ctx: PageContext
  csrf: string
  order: OrderView
  token: string | null
  units: number
  lines: ReturnableLine[]
  windowEnd: Date | null
  /** 'open': the form; 'closed': window over or nothing left; 'notShipped' */
  state: 'open' | 'closed' | 'notShipped'
  returns: OrderReturnRow[]
  values: ReturnFormValues
  errors: FieldError[]
  /** the number of the request just sent */
  sent: string | null
}

const TokenField = ({ token }: { token: string | null }) => (token ? <input type="hidden" name="t" value={token} /> : null)

/** Pick lines and quantities (eligible, shipped, not yet asked back), a reason, and send; the shopper's returns with their status. */
export function ReturnPage(p: ReturnPageProps) {
  const { ctx, order, token } = p
  const x = TEXT[ctx.locale]
  const open = p.lines.filter((l) => l.left > 0)
  const excluded = p.lines.filter((l) => !l.eligible)
  return (
    <Layout ctx={ctx} seo={{ title: `${x.title(order.number)} — Lakou`, description: x.title(order.number), index: false }} cartUnits={p.units} styles={['checkout.css']}>
      <h1>{x.title(order.number)}</h1>
      {p.sent ? <p class="flash" role="status">{x.sent(p.sent)}</p> : null}
      <OrderReturnsSection ctx={ctx} returns={p.returns} />
      {p.state === 'notShipped' ? <p class="notice">{x.notShipped}</p> : null}
      {p.state === 'closed' ? <p class="notice">{x.closed}</p> : null}
      {p.state === 'open' ? (
        <>
          <p>{x.intro}</p>
          {p.windowEnd ? <p class="muted">{x.window(dateTime(ctx, p.windowEnd))}</p> : null}
          <ErrorSummary ctx={ctx} errors={p.errors} />
          <form method="post" action={returnPath(ctx.locale, order.id)} class="checkout-form" noValidate>
            <CsrfField token={p.csrf} />
            <TokenField token={token} />
            <fieldset id={fieldId('lines')} tabIndex={-1}>
              <legend>{x.lines}</legend>
              {open.map((l, i) => (
                <div class="field withdrawal-line">
                  <label for={`f-qty-${i}`}>{l.name} <span class="muted">— {x.quantity}</span></label>
                  <select id={`f-qty-${i}`} name={`qty_${l.orderLineId}`}>
                    <option value="0">{x.none}</option>
                    {Array.from({ length: l.left }, (_, k) => k + 1).map((n) => <option value={String(n)} selected={p.values.lines[l.orderLineId] === n}>{n}</option>)}
                  </select>
                </div>
              ))}
            </fieldset>
            {excluded.length ? <p class="muted">{x.excluded(excluded.map((l) => l.name).join(', '))}</p> : null}
            <div class="field">
              <label for={fieldId('reason')}>{x.reason}</label>
              <select id={fieldId('reason')} name="reason" required aria-invalid={p.errors.some((e) => e.field === 'reason') ? 'true' : undefined}>
                <option value="">—</option>
                {RETURN_REASONS.map((r) => <option value={r} selected={p.values.reason === r}>{x.reasons[r]}</option>)}
              </select>
            </div>
            <div class="field">
              <label for={fieldId('details')}>{x.details} <span class="muted">{x.optional}</span></label>
              <p class="hint" id="f-details-hint">{x.detailsHint}</p>
              <textarea id={fieldId('details')} name="details" rows={4} maxLength={1500} aria-describedby="f-details-hint">{p.values.details}</textarea>
            </div>
            <div class="form-actions">
              <button type="submit">{x.submit}</button>
              <a href={withToken(checkoutPaths.order(ctx.locale, order.id), token)}>{x.back}</a>
            </div>
          </form>
        </>
      ) : <p><a href={withToken(checkoutPaths.order(ctx.locale, order.id), token)}>{x.back}</a></p>}
    </Layout>
  )
}

/**
 * The order's returns with their status in the shopper's words (this page, and the order page:
 * drop it in with the order's returns and a link to returnPath when returns are open).
 */
export function OrderReturnsSection({ ctx, returns, link }: { ctx: PageContext; returns: OrderReturnRow[]; link?: string | null }) {
  const x = TEXT[ctx.locale]
  if (!returns.length && !link) return null
  return (
    <section aria-labelledby="returns-title">
      <h2 id="returns-title">{x.yours}</h2>
      {returns.length ? (
        <ul>
          {returns.map((r) => (
            <li>
              <strong>{r.number}</strong> — {x.units(r.units)} — {x.status[r.status]}
              {r.status === 'refunded' && r.refundAmount !== null ? <> ({x.refunded(eur(ctx, r.refundAmount))})</> : null}
              {r.status === 'rejected' && r.decisionNote ? <> : {r.decisionNote}</> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {link ? <p><a href={link}>{x.cta}</a></p> : null}
    </section>
  )
}
