import type { ProductForEdit } from '../../modules/catalog/index.ts'
import { EditFrame, eurosField, isOn, LangFields, valueOf, valuesOf, type FormValues } from './catalog-kit.tsx'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { Checkbox, CheckboxGroup, ErrorSummary, SelectField, TextField, type FormErrors } from './kit.tsx'

type Variant = ProductForEdit['variants'][number]

const num = (n: number | string | null | undefined) => (n == null ? '' : String(n).replace('.', ','))
const on = (b: boolean) => (b ? 'on' : '')

/** The form values of a stored variant and its prices. */
export function variantFormValues(x: Variant, version: number): FormValues {
  const dims = x.dimensions_cm ?? []
  return {
    version: String(version), sku: x.sku, optionLabel_fr: x.option_label_fr, optionLabel_en: x.option_label_en, name_fr: x.name_fr, name_en: x.name_en,
    netQuantity: num(x.net_quantity), netQuantityUnit: x.net_quantity_unit, grossWeightG: num(x.gross_weight_g),
    dimensionsCm_l: num(dims[0]), dimensionsCm_w: num(dims[1]), dimensionsCm_h: num(dims[2]), glass: on(x.glass),
    alcohol: on(x.abv != null), alcohol_abv: num(x.abv), alcohol_volumeL: num(x.volume_l), alcohol_pureAlcoholL: num(x.pure_alcohol_l),
    alcohol_exciseCategoryCode: x.excise_category_code ?? '', alcohol_cssApplies: on(x.css_applies), alcohol_domRumReducedRateEligible: on(x.dom_rum_reduced_rate_eligible),
    shelfLifeDays: num(x.shelf_life_days), vaseLifeDays: num(x.vase_life_days), hsCode: x.hs_code ?? '', b2bOnly: on(x.b2b_only),
    minOrderQty: num(x.min_order_qty), packSize: num(x.pack_size), madeToOrder: on(x.made_to_order), leadTimeDays: num(x.lead_time_days),
    limitedEditionQty: num(x.limited_edition_qty), seasonMonths: (x.season_months ?? []).map(String), allowedZones: x.allowed_zones ?? [], status: x.status,
    ...Object.fromEntries(Object.entries(x.prices.retail).map(([m, c]) => [`retail_${m}`, eurosField(c)])),
    b2b: eurosField(x.prices.b2b), cost: eurosField(x.prices.cost),
  }
}

export type VariantChoices = { markets: string[]; exciseCategories: string[]; territories: string[] }

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.']
const UNITS = [
  { value: 'ml', label: 'ml' }, { value: 'g', label: 'g' }, { value: 'stem', label: 'tige' }, { value: 'pod', label: 'gousse' }, { value: 'piece', label: 'pièce' },
]

/** A variant of a product (new or existing): its fields, then its prices per market in euros. */
export function VariantPage(p: { view: AdminView; product: ProductForEdit; variant: Variant | null; values: FormValues; choices: VariantChoices; errors?: FormErrors | undefined; message?: string | null | undefined }) {
  const { view, product, values: v } = p
  const e = p.errors ?? {}
  const canEdit = mayUse(view, 'catalog.edit')
  const action = `/admin/produits/${product.id}/variantes/${p.variant ? p.variant.id : 'nouvelle'}`
  const opts = (codes: string[]) => codes.map((c) => ({ value: c, label: c }))
  return (
    <AdminLayout view={view} title={p.variant ? `Variante ${p.variant.sku}` : 'Nouvelle variante'}>
      <p><a href={`/admin/produits/${product.id}`}>← {product.name_fr}</a></p>
      <ErrorSummary errors={e} message={p.message} />
      <EditFrame canEdit={canEdit} action={action} csrf={view.csrf} submit="Enregistrer la variante">
        <input type="hidden" name="version" value={valueOf(v, 'version')} />
        <TextField name="sku" label="SKU" value={valueOf(v, 'sku')} error={e.sku} required maxLength={64} hint="Lettres, chiffres, et - _ . (ex. ACS-RHB50-070)" />
        <LangFields base="optionLabel" label="Libellé d’option" values={v} errors={e} maxLength={60} required />
        <LangFields base="name" label="Nom de la variante" values={v} errors={e} maxLength={200} required />
        <div class="inline-fields">
          <TextField name="netQuantity" label="Quantité nette" value={valueOf(v, 'netQuantity')} error={e.netQuantity} inputMode="decimal" required />
          <SelectField name="netQuantityUnit" label="Unité" value={valueOf(v, 'netQuantityUnit')} options={UNITS} blank="Choisir…" error={e.netQuantityUnit} required />
          <TextField name="grossWeightG" label="Poids brut (g)" value={valueOf(v, 'grossWeightG')} error={e.grossWeightG} inputMode="numeric" required />
        </div>
        <fieldset class={e.dimensionsCm ? 'field has-error inline-fields' : 'field inline-fields'} id="f-dimensionsCm">
          <legend>Dimensions du colis (cm)</legend>
          {e.dimensionsCm ? <p class="error">{e.dimensionsCm}</p> : null}
          <TextField name="dimensionsCm_l" label="Longueur" value={valueOf(v, 'dimensionsCm_l')} inputMode="numeric" />
          <TextField name="dimensionsCm_w" label="Largeur" value={valueOf(v, 'dimensionsCm_w')} inputMode="numeric" />
          <TextField name="dimensionsCm_h" label="Hauteur" value={valueOf(v, 'dimensionsCm_h')} inputMode="numeric" />
        </fieldset>
        <div class="checks">
          <Checkbox name="glass" label="Verre" checked={isOn(v, 'glass')} />
          <Checkbox name="b2bOnly" label="Réservé aux professionnels" checked={isOn(v, 'b2bOnly')} />
          <Checkbox name="madeToOrder" label="Sur commande" checked={isOn(v, 'madeToOrder')} />
        </div>
        <fieldset class="field" id="f-alcohol">
          <legend>Alcool</legend>
          <Checkbox name="alcohol" label="Boisson alcoolisée" checked={isOn(v, 'alcohol')} />
          <div class="inline-fields">
            <TextField name="alcohol_abv" label="Degré (% vol.)" value={valueOf(v, 'alcohol_abv')} error={e.alcohol_abv} inputMode="decimal" />
            <TextField name="alcohol_volumeL" label="Volume (L)" value={valueOf(v, 'alcohol_volumeL')} error={e.alcohol_volumeL} inputMode="decimal" />
            <TextField name="alcohol_pureAlcoholL" label="Alcool pur (L)" value={valueOf(v, 'alcohol_pureAlcoholL')} error={e.alcohol_pureAlcoholL} inputMode="decimal" hint="Vide : calculé." />
            <SelectField name="alcohol_exciseCategoryCode" label="Catégorie d’accise" value={valueOf(v, 'alcohol_exciseCategoryCode')} options={opts(p.choices.exciseCategories)} blank="—" error={e.alcohol_exciseCategoryCode} />
          </div>
          <Checkbox name="alcohol_cssApplies" label="Cotisation sécurité sociale" checked={isOn(v, 'alcohol_cssApplies')} />
          <Checkbox name="alcohol_domRumReducedRateEligible" label="Rhum DOM à taux réduit" checked={isOn(v, 'alcohol_domRumReducedRateEligible')} />
        </fieldset>
        <div class="inline-fields">
          <TextField name="shelfLifeDays" label="Conservation (jours)" value={valueOf(v, 'shelfLifeDays')} error={e.shelfLifeDays} inputMode="numeric" />
          <TextField name="vaseLifeDays" label="Tenue en vase (jours)" value={valueOf(v, 'vaseLifeDays')} error={e.vaseLifeDays} inputMode="numeric" />
          <TextField name="hsCode" label="Code douanier (SH)" value={valueOf(v, 'hsCode')} error={e.hsCode} maxLength={20} />
          <TextField name="minOrderQty" label="Minimum de commande" value={valueOf(v, 'minOrderQty')} error={e.minOrderQty} inputMode="numeric" />
          <TextField name="packSize" label="Colisage" value={valueOf(v, 'packSize')} error={e.packSize} inputMode="numeric" />
          <TextField name="leadTimeDays" label="Délai de préparation (jours)" value={valueOf(v, 'leadTimeDays')} error={e.leadTimeDays} inputMode="numeric" />
          <TextField name="limitedEditionQty" label="Tirage limité" value={valueOf(v, 'limitedEditionQty')} error={e.limitedEditionQty} inputMode="numeric" />
        </div>
        <CheckboxGroup name="seasonMonths" label="Mois de saison (aucun : toute l’année)" values={valuesOf(v, 'seasonMonths')} options={MONTHS.map((m, i) => ({ value: String(i + 1), label: m }))} error={e.seasonMonths} />
        <CheckboxGroup name="allowedZones" label="Zones de livraison permises (aucune : toutes)" values={valuesOf(v, 'allowedZones')} options={opts(p.choices.territories)} error={e.allowedZones} />
        <SelectField name="status" label="Statut de la variante" value={valueOf(v, 'status') || 'ACTIVE'} options={[{ value: 'ACTIVE', label: 'Active' }, { value: 'ARCHIVED', label: 'Archivée' }]} error={e.status} />
        <h2>Prix (en euros, ex. 12,50)</h2>
        <div class="inline-fields">
          {p.choices.markets.map((m) => (
            <TextField name={`retail_${m}`} label={`Prix de vente TTC · ${m}`} value={valueOf(v, `retail_${m}`)} error={e[`retail_${m}`] ?? e.retail} inputMode="decimal" hint="Vide : pas vendu sur ce marché." />
          ))}
          <TextField name="b2b" label="Prix professionnel HT" value={valueOf(v, 'b2b')} error={e.b2b} inputMode="decimal" />
          <TextField name="cost" label="Prix d’achat HT" value={valueOf(v, 'cost')} error={e.cost} inputMode="decimal" />
        </div>
      </EditFrame>
    </AdminLayout>
  )
}
