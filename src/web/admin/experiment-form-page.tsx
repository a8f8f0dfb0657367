import type { Experiment } from '../../modules/experiments/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { CheckboxGroup, CsrfInput, ErrorSummary, SelectField, TextArea, TextField, type FormErrors } from './kit.tsx'

export type ExperimentFormValues = Record<string, string | string[]>
export const VARIANT_ROWS = 4

export const SURFACE_LABELS: Record<string, string> = {
  product_layout: 'Fiche produit : mise en page (histoire du producteur)',
  product_text: 'Fiche produit : textes (ligne de réassurance, bouton « Ajouter au panier »)',
  free_shipping_banner: 'Fiche produit : bandeau livraison offerte',
  search_ranking: 'Recherche : classement des résultats',
  flag: 'Drapeau de fonctionnalité',
}
export const METRIC_LABELS: Record<string, string> = { conversion: 'Conversion (commande)', revenue_per_visitor: 'Chiffre d’affaires par visiteur', add_to_cart: 'Ajout au panier' }
const SETTINGS_HINT = 'Réglages « clé=valeur » séparés par « ; » — mise en page : storyPosition=above ou below ; textes : reassurance=votre texte, et/ou addToCartFr=Je le veux; addToCartEn=I want it (les deux langues ensemble, 40 caractères au plus) ; '
  + 'bandeau : banner=none, amount ou benefit (le seuil affiché est celui des tarifs de livraison du marché) ; recherche : ranking=default, in_stock_first ou newest_first ; drapeau : enabled=true. Vide : la page par défaut.'

export const VISITOR_HINT = 'Nouveaux ou déjà venus : seuls les visiteurs qui ont accepté la mesure d’audience sont inclus. Sans consentement, '
  + 'l’identifiant change chaque jour : impossible de savoir s’ils sont déjà venus, ils voient le témoin et ne sont pas comptés.'

const one = (v: ExperimentFormValues, k: string): string => (Array.isArray(v[k]) ? (v[k] as string[])[0] ?? '' : ((v[k] as string | undefined) ?? ''))
const many = (v: ExperimentFormValues, k: string): string[] => (Array.isArray(v[k]) ? (v[k] as string[]) : v[k] ? [v[k] as string] : [])

/** The form values of a saved experiment (variant settings as key=value; key=value). */
export function experimentFormValues(e: Experiment): ExperimentFormValues {
  const values: ExperimentFormValues = {
    version: String(e.version), key: e.key, name: e.name, hypothesis: e.hypothesis, kind: e.kind, surface: e.surface, primaryMetric: e.primaryMetric ?? '',
    guardrailMetrics: e.guardrailMetrics, markets: e.targeting.markets, devices: e.targeting.devices, visitor: e.targeting.visitor,
    baselineRate: e.baselineRate == null ? '' : String(e.baselineRate), mde: e.mde == null ? '' : String(e.mde), alpha: String(e.alpha), power: String(e.power),
  }
  e.variants.forEach((v, i) => {
    values[`v${i}_key`] = v.key
    values[`v${i}_name`] = v.name
    values[`v${i}_weight`] = String(v.weight)
    values[`v${i}_config`] = Object.entries(v.config).map(([k, x]) => `${k}=${String(x)}`).join('; ')
  })
  return values
}

export const EMPTY_EXPERIMENT: ExperimentFormValues = {
  kind: 'experiment', surface: 'product_layout', visitor: 'all', alpha: '0.05', power: '0.8', primaryMetric: 'conversion',
  v0_key: 'control', v0_name: 'Témoin', v0_weight: '50', v1_key: 'b', v1_name: 'Variante B', v1_weight: '50',
}

/** Create or edit a draft (a running experiment: only its name, hypothesis and guardrails). */
export function ExperimentFormPage(p: { view: AdminView; experiment: Experiment | null; values: ExperimentFormValues; errors?: FormErrors | undefined; message?: string | null | undefined }) {
  const v = p.values
  const e = p.errors ?? {}
  const action = p.experiment ? `/admin/experiences/${p.experiment.id}` : '/admin/experiences'
  const title = p.experiment ? `Modifier « ${p.experiment.name} »` : 'Nouvelle expérience'
  return (
    <AdminLayout view={p.view} title={title}>
      <p><a href={p.experiment ? `/admin/experiences/${p.experiment.id}` : '/admin/experiences'}>← Retour</a></p>
      <ErrorSummary errors={e} message={p.message} />
      {p.experiment?.status === 'running' ? <p class="notice" role="note">Expérience en cours : ses variantes, poids, ciblage et emplacement sont figés.</p> : null}
      <form method="post" action={action} novalidate>
        <CsrfInput token={p.view.csrf} />
        <input type="hidden" name="version" value={one(v, 'version')} />
        <TextField name="key" label="Clé (dans le code et les événements)" value={one(v, 'key')} error={e.key} required maxLength={64} hint="minuscules, chiffres et tirets, ex. histoire-en-premier" />
        <TextField name="name" label="Nom" value={one(v, 'name')} error={e.name} required maxLength={200} />
        <TextArea name="hypothesis" label="Hypothèse" value={one(v, 'hypothesis')} error={e.hypothesis} rows={3} maxLength={4000} hint="Si nous…, alors…, parce que…" />
        <SelectField name="kind" label="Type" value={one(v, 'kind')} error={e.kind} options={[{ value: 'experiment', label: 'Expérience A/B' }, { value: 'flag', label: 'Drapeau de fonctionnalité (variantes off puis on)' }]} />
        <SelectField name="surface" label="Emplacement testé" value={one(v, 'surface')} error={e.surface} options={Object.entries(SURFACE_LABELS).map(([value, label]) => ({ value, label }))} />
        <fieldset class={e.variants ? 'field has-error' : 'field'} id="f-variants">
          <legend>Variantes (la première est le témoin ; poids en %, total 100)</legend>
          {e.variants ? <p class="error">{e.variants}</p> : null}
          <p class="hint">{SETTINGS_HINT}</p>
          {Array.from({ length: VARIANT_ROWS }, (_, i) => (
            <div class="variant-row">
              <TextField name={`v${i}_key`} label={`Variante ${i + 1} : clé`} value={one(v, `v${i}_key`)} error={e[`v${i}_key`]} maxLength={64} />
              <TextField name={`v${i}_name`} label={`Variante ${i + 1} : nom`} value={one(v, `v${i}_name`)} error={e[`v${i}_name`]} maxLength={200} />
              <TextField name={`v${i}_weight`} label={`Variante ${i + 1} : poids (%)`} value={one(v, `v${i}_weight`)} error={e[`v${i}_weight`]} inputMode="decimal" />
              <TextField name={`v${i}_config`} label={`Variante ${i + 1} : réglages`} value={one(v, `v${i}_config`)} error={e[`v${i}_config`]} maxLength={400} />
            </div>
          ))}
        </fieldset>
        <CheckboxGroup name="markets" label="Ciblage : marchés (aucun coché = tous)" values={many(v, 'markets')} error={e.markets} options={[{ value: 'FR-MAINLAND', label: 'France métropolitaine' }, { value: 'GP', label: 'Guadeloupe' }]} />
        <CheckboxGroup name="devices" label="Ciblage : appareils (aucun coché = tous)" values={many(v, 'devices')} error={e.devices} options={[{ value: 'mobile', label: 'Mobile' }, { value: 'tablet', label: 'Tablette' }, { value: 'desktop', label: 'Ordinateur' }]} />
        <SelectField name="visitor" label="Ciblage : visiteurs" value={one(v, 'visitor')} error={e.visitor} hint={VISITOR_HINT} options={[{ value: 'all', label: 'Tous' }, { value: 'new', label: 'Nouveaux (avec consentement)' }, { value: 'returning', label: 'Déjà venus (avec consentement)' }]} />
        <SelectField name="primaryMetric" label="Indicateur principal" value={one(v, 'primaryMetric')} error={e.primaryMetric} blank="— à choisir avant de démarrer —" options={Object.entries(METRIC_LABELS).map(([value, label]) => ({ value, label }))} />
        <CheckboxGroup name="guardrailMetrics" label="Garde-fous" values={many(v, 'guardrailMetrics')} error={e.guardrailMetrics} options={Object.entries(METRIC_LABELS).map(([value, label]) => ({ value, label }))} />
        <TextField name="baselineRate" label="Taux de référence de l’indicateur" value={one(v, 'baselineRate')} error={e.baselineRate} inputMode="decimal" hint="proportion, ex. 0.03 pour 3 %" />
        <TextField name="mde" label="Effet minimal détectable (relatif)" value={one(v, 'mde')} error={e.mde} inputMode="decimal" hint="ex. 0.1 pour +10 % ; avec le taux, donne la taille d’échantillon minimale" />
        <TextField name="alpha" label="Seuil alpha" value={one(v, 'alpha')} error={e.alpha} inputMode="decimal" />
        <TextField name="power" label="Puissance" value={one(v, 'power')} error={e.power} inputMode="decimal" />
        <button type="submit" class="primary">Enregistrer</button>
      </form>
    </AdminLayout>
  )
}
