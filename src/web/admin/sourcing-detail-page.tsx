import { imageUrl } from '../../modules/media/index.ts'
import type { ApplicationDetail } from '../../modules/sourcing/index.ts'
import { STATUS_LABELS, TERMS_LABELS } from '../../modules/sourcing/index.ts'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { CsrfInput, dateTime, ErrorSummary, SelectField, TextArea, TextField, type FormErrors } from './kit.tsx'

export type SourcingForm = 'scores' | 'note' | 'move' | 'agreement'
/** The form that came back with errors: its values and messages, shown next to it. */
export type SourcingFormState = { form: SourcingForm; values: Record<string, string>; errors: FormErrors; message?: string | undefined }

const MODEL_LABELS = { PURCHASE: 'Achat ferme', CONSIGNMENT: 'Dépôt-vente' } as const
const NUM = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })
/** Text typed on several lines, kept on several lines (no inline style: the CSP forbids it). */
const Lines = ({ text }: { text: string }) => <>{text.split(/\r?\n/).map((line, i) => (i ? <><br />{line}</> : line))}</>
const size = (b: number) => (b >= 1024 * 1024 ? `${NUM.format(b / 1024 / 1024)} Mo` : `${NUM.format(Math.ceil(b / 1024))} ko`)

/** One producer in the pipeline: what they sent, the scoring grid, the next step, notes, history and agreements. */
export function SourcingDetailPage(p: { view: AdminView; d: ApplicationDetail; state?: SourcingFormState | undefined; flash?: string | null }) {
  const { d, view } = p
  const canManage = mayUse(view, 'supply.manage')
  const base = `/admin/candidatures/${d.producer.id}`
  const st = (f: SourcingForm) => (p.state?.form === f ? p.state : undefined)
  const val = (f: SourcingForm, k: string, fallback = '') => st(f)?.values[k] ?? fallback
  const a = d.application
  return (
    <AdminLayout view={view} title={d.producer.tradeName} flash={p.flash}>
      <p><a href="/admin/candidatures">← Candidatures</a> · <code>{d.producer.code}</code> · <span class={`badge status-${d.producer.status.toLowerCase()}`}>{STATUS_LABELS[d.producer.status]}</span></p>

      <section class="panel" aria-labelledby="app-h">
        <h2 id="app-h">Candidature</h2>
        <dl class="facts">
          <dt>Forme juridique</dt><dd>{d.producer.legalForm ?? '—'}</dd>
          <dt>SIREN</dt><dd>{a?.siren ?? d.producer.siren ?? '—'}</dd>
          <dt>Commune</dt><dd>{d.producer.commune ?? '—'}{d.producer.island ? ` (${d.producer.island})` : ''}</dd>
          <dt>Gammes</dt><dd>{d.producer.productLines.join(', ') || '—'}</dd>
          {a ? (
            <>
              <dt>Contact</dt><dd>{a.contactName} · <a href={`mailto:${a.email}`}>{a.email}</a>{a.phone ? ` · ${a.phone}` : ''}</dd>
              <dt>Reçue le</dt><dd>{dateTime(a.submittedAt)} (formulaire {a.locale === 'fr' ? 'en français' : 'en anglais'})</dd>
              <dt>Produits</dt><dd><Lines text={a.productsText} /></dd>
              <dt>Capacité</dt><dd><Lines text={a.capacityText} />{a.annualCapacityUnits !== null ? ` — ${a.annualCapacityUnits.toLocaleString('fr-FR')} unités par an` : ''}</dd>
              <dt>Message</dt><dd>{a.message ? <Lines text={a.message} /> : '—'}</dd>
            </>
          ) : <><dt>Formulaire</dt><dd>Producteur saisi par l’équipe (pas de candidature en ligne).</dd></>}
        </dl>
      </section>

      <section class="panel" aria-labelledby="files-h">
        <h2 id="files-h">Fichiers ({d.files.length})</h2>
        {d.files.length === 0 ? <p>Aucun fichier.</p> : (
          <ul class="files">
            {d.files.map((f) => (
              <li>
                {f.kind === 'photo' && f.imageKey && f.imageWidths.length ? <img src={imageUrl(f.imageKey, Math.min(...f.imageWidths), 'webp')} alt="" width={120} loading="lazy" /> : null}
                <a href={`${base}/fichiers/${f.id}`}>{f.name}</a> — {f.kind === 'photo' ? 'photo' : 'PDF'}, {size(f.byteSize)}, {dateTime(f.createdAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="panel" id="grille" aria-labelledby="grid-h">
        <h2 id="grid-h">Grille d’évaluation — {NUM.format(d.score.total)} / 100</h2>
        <p>{d.score.complete ? 'Tous les critères sont notés.' : `${d.score.scored} critère(s) noté(s) sur ${d.criteria.length} : la grille doit être complète pour rendre le producteur actif.`}</p>
        <ErrorSummary errors={st('scores')?.errors ?? {}} message={st('scores')?.message} />
        <form method="post" action={`${base}/scores`} novalidate>
          <CsrfInput token={view.csrf} />
          <div class="table-wrap" role="region" aria-label="Critères" tabIndex={0}>
            <table>
              <thead><tr><th scope="col">Critère</th><th scope="col" class="num">Poids</th><th scope="col">Note</th><th scope="col">Commentaire</th><th scope="col">Par</th></tr></thead>
              <tbody>
                {d.criteria.map((c) => (
                  <tr>
                    <th scope="row">{c.label}{c.help ? <><br /><small>{c.help}</small></> : null}</th>
                    <td class="num">{c.weight} %</td>
                    <td>
                      <label class="visually-hidden" for={`f-score_${c.code}`}>{`Note ${c.label} (0 à ${c.maxScore})`}</label>
                      {st('scores')?.errors[`score_${c.code}`] ? <p class="error" id={`f-score_${c.code}-error`}>{st('scores')?.errors[`score_${c.code}`]}</p> : null}
                      <input id={`f-score_${c.code}`} name={`score_${c.code}`} type="number" min={0} max={c.maxScore} step="1" inputMode="numeric" disabled={!canManage}
                        value={val('scores', `score_${c.code}`, c.score === null ? '' : String(c.score))} aria-invalid={st('scores')?.errors[`score_${c.code}`] ? 'true' : undefined} /> / {c.maxScore}
                    </td>
                    <td>
                      <label class="visually-hidden" for={`f-note_${c.code}`}>{`Commentaire ${c.label}`}</label>
                      <input id={`f-note_${c.code}`} name={`note_${c.code}`} type="text" maxLength={2000} disabled={!canManage} value={val('scores', `note_${c.code}`, c.note ?? '')} />
                    </td>
                    <td>{c.scoredBy ? <>{c.scoredBy}<br /><small>{dateTime(c.scoredAt)}</small></> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canManage ? <button type="submit" class="primary">Enregistrer les notes</button> : null}
        </form>
      </section>

      <section class="panel" id="etape" aria-labelledby="step-h">
        <h2 id="step-h">Étape : {STATUS_LABELS[d.producer.status]}</h2>
        {canManage && d.nextStatuses.length ? (
          <form method="post" action={`${base}/etape`} novalidate>
            <CsrfInput token={view.csrf} />
            <ErrorSummary errors={st('move')?.errors ?? {}} message={st('move')?.message} />
            <input type="hidden" name="from" value={d.producer.status} />
            <SelectField name="to" label="Passer à" required value={val('move', 'to')} options={d.nextStatuses.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} blank="Choisir…" error={st('move')?.errors.to} />
            <TextArea name="move_note" label="Motif (facultatif)" rows={2} maxLength={4000} value={val('move', 'move_note')} error={st('move')?.errors.move_note} />
            <button type="submit" class="primary">Changer d’étape</button>
          </form>
        ) : d.nextStatuses.length ? null : <p>Étape finale.</p>}
      </section>

      <section class="panel" id="notes" aria-labelledby="hist-h">
        <h2 id="hist-h">Notes et historique</h2>
        {canManage ? (
          <form method="post" action={`${base}/notes`} novalidate>
            <CsrfInput token={view.csrf} />
            <ErrorSummary errors={st('note')?.errors ?? {}} />
            <TextArea name="note" label="Ajouter une note (appel, dégustation, visite…)" rows={3} maxLength={4000} required value={val('note', 'note')} error={st('note')?.errors.note} />
            <button type="submit">Ajouter la note</button>
          </form>
        ) : null}
        <ol class="history" reversed>
          {d.events.map((e) => (
            <li>
              <strong>{dateTime(e.at)}</strong> — {e.staff ?? 'formulaire public'}
              {e.to ? <> : {e.from ? `${STATUS_LABELS[e.from as keyof typeof STATUS_LABELS] ?? e.from} → ` : ''}<span class="badge">{STATUS_LABELS[e.to as keyof typeof STATUS_LABELS] ?? e.to}</span></> : null}
              {e.note ? <p><Lines text={e.note} /></p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section class="panel" id="accords" aria-labelledby="agr-h">
        <h2 id="agr-h">Accords</h2>
        {d.agreements.length === 0 ? <p>Aucun accord signé.</p> : (
          <div class="table-wrap" role="region" aria-label="Accords" tabIndex={0}>
            <table>
              <thead><tr><th scope="col">À partir du</th><th scope="col">Modèle</th><th scope="col">Paiement</th><th scope="col">Incoterm</th><th scope="col">Base légale</th><th scope="col">Note</th></tr></thead>
              <tbody>
                {d.agreements.map((g) => (
                  <tr>
                    <td>{g.validFrom}</td>
                    <td>{MODEL_LABELS[g.model]}{g.commissionBp !== null ? ` (commission ${NUM.format(g.commissionBp / 100)} %)` : ''}</td>
                    <td>{g.paymentTermsDays} {TERMS_LABELS[g.paymentTermsType]}</td>
                    <td>{g.incoterm ?? '—'}</td>
                    <td><small>{g.legalBasis ?? '—'}</small></td>
                    <td>{g.note ?? ''}{g.createdBy ? <><br /><small>{g.createdBy}, {dateTime(g.createdAt)}</small></> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage ? (
          <form method="post" action={`${base}/accords`} novalidate>
            <CsrfInput token={view.csrf} />
            <h3>Nouvel accord</h3>
            <p class="hint">{d.goods.exciseAlcohol ? 'Alcool soumis à accise : 30 jours après la fin du mois de livraison au plus (C. com. L441-11 II).'
              : d.goods.perishableFood ? 'Denrées périssables : 30 jours après la livraison au plus (C. com. L441-11 II).'
                : 'Par défaut 60 jours nets à compter de la facture (C. com. L441-10).'} Un accord n’est jamais modifié : le nouveau s’applique à partir de sa date.</p>
            <ErrorSummary errors={st('agreement')?.errors ?? {}} />
            <TextField name="validFrom" type="date" label="À partir du" required value={val('agreement', 'validFrom')} error={st('agreement')?.errors.validFrom} />
            <SelectField name="model" label="Modèle" required value={val('agreement', 'model', 'PURCHASE')} options={[{ value: 'PURCHASE', label: MODEL_LABELS.PURCHASE }, { value: 'CONSIGNMENT', label: MODEL_LABELS.CONSIGNMENT }]} error={st('agreement')?.errors.model} />
            <TextField name="commissionPct" label="Commission (dépôt-vente), en %" inputMode="decimal" maxLength={6} value={val('agreement', 'commissionPct')} error={st('agreement')?.errors.commissionPct} />
            <SelectField name="paymentTermsType" label="Délai compté" required value={val('agreement', 'paymentTermsType', d.proposal.paymentTermsType)}
              options={Object.entries(TERMS_LABELS).map(([value, label]) => ({ value, label: `en ${label}` }))} error={st('agreement')?.errors.paymentTermsType} />
            <TextField name="paymentTermsDays" label="Nombre de jours" type="number" required inputMode="numeric" value={val('agreement', 'paymentTermsDays', String(d.proposal.paymentTermsDays))} error={st('agreement')?.errors.paymentTermsDays} />
            <TextField name="incoterm" label="Incoterm (ex. DAP GP-JARRY)" maxLength={120} value={val('agreement', 'incoterm')} error={st('agreement')?.errors.incoterm} />
            <TextArea name="agreement_note" label="Note" rows={2} maxLength={2000} value={val('agreement', 'agreement_note')} error={st('agreement')?.errors.agreement_note} />
            <button type="submit" class="primary">Ajouter l’accord</button>
          </form>
        ) : null}
      </section>
    </AdminLayout>
  )
}
