import { z } from 'zod'
import { sampleSizeForConversion } from './stats/index.ts'
import type { Surface, VariantConfig } from './tables.ts'

import { invalid, type FieldError } from '../../kernel/field-errors.ts'

export { invalid, type FieldError }

export const SURFACES = ['product_layout', 'product_text', 'free_shipping_banner', 'search_ranking', 'flag'] as const
export const METRICS = ['conversion', 'revenue_per_visitor', 'add_to_cart'] as const
export const MARKETS = ['FR-MAINLAND', 'GP'] as const
export const DEVICES = ['mobile', 'tablet', 'desktop'] as const
export const RANKINGS = ['default', 'in_stock_first', 'newest_first'] as const
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

const num = (label: string) => z.coerce.number({ error: `${label} doit être un nombre` }).refine(Number.isFinite, `${label} doit être un nombre`)
const slug = (label: string) => z.string({ error: `${label} est obligatoire` }).trim().min(1, `${label} est obligatoire`).max(64, `${label} : 64 caractères au plus`)
  .refine((s) => SLUG.test(s), `${label} : minuscules sans accents, chiffres et tirets (ex. bouton-panier)`)

export const VariantInput = z.object({
  key: slug('La clé de la variante'),
  name: z.string().trim().min(1, 'Le nom de la variante est obligatoire').max(200),
  weight: num('Le poids').refine((w) => w >= 0 && w <= 100 && Math.abs(Math.round(w * 100) - w * 100) < 1e-6, 'Le poids est un pourcentage entre 0 et 100 (2 décimales au plus)'),
  config: z.record(z.string(), z.union([z.string().max(300), z.number(), z.boolean()])).default({}),
})

export const ExperimentInput = z.object({
  key: slug('La clé'),
  name: z.string({ error: 'Le nom est obligatoire' }).trim().min(1, 'Le nom est obligatoire').max(200, 'Le nom : 200 caractères au plus'),
  hypothesis: z.string().max(4000, 'L’hypothèse : 4000 caractères au plus').default(''),
  kind: z.enum(['experiment', 'flag'], { error: 'Choisissez expérience ou drapeau' }),
  surface: z.enum(SURFACES, { error: 'Choisissez l’emplacement testé' }),
  targeting: z.object({
    markets: z.array(z.enum(MARKETS, { error: 'Marché inconnu (FR-MAINLAND ou GP)' })).default([]),
    devices: z.array(z.enum(DEVICES, { error: 'Appareil inconnu (mobile, tablet, desktop)' })).default([]),
    visitor: z.enum(['all', 'new', 'returning'], { error: 'Visiteurs : tous, nouveaux ou connus' }).default('all'),
  }).default({ markets: [], devices: [], visitor: 'all' }),
  primaryMetric: z.enum(METRICS, { error: 'Indicateur principal inconnu' }).nullable().default(null),
  guardrailMetrics: z.array(z.enum(METRICS, { error: 'Indicateur de garde-fou inconnu' })).default([]),
  baselineRate: num('Le taux de référence').refine((p) => p > 0 && p < 1, 'Le taux de référence est une proportion entre 0 et 1 exclus (ex. 0.03)').nullable().default(null),
  mde: num('L’effet minimal détectable').refine((m) => m > 0 && m <= 10, 'L’effet minimal détectable est relatif, entre 0 et 10 (0.1 = +10 %)').nullable().default(null),
  alpha: num('Le seuil alpha').refine((a) => a > 0 && a < 0.5, 'Le seuil alpha est entre 0 et 0,5 (ex. 0.05)').default(0.05),
  power: num('La puissance').refine((p) => p >= 0.5 && p < 1, 'La puissance est entre 0,5 et 1 (ex. 0.8)').default(0.8),
  variants: z.array(VariantInput, { error: 'Les variantes sont obligatoires' }),
})
export type ExperimentInput = z.input<typeof ExperimentInput>
export type ValidExperiment = z.output<typeof ExperimentInput>

/** The add-to-cart label a product_text variant may set, in both languages (one without the other is refused). */
export const ADD_TO_CART_KEYS = { fr: 'addToCartFr', en: 'addToCartEn' } as const
export const ADD_TO_CART_MAX = 40
// a button's words: letters, digits, spaces and common punctuation, no line break or control character
const BUTTON_TEXT = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u
const buttonLabel = (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.trim() === v && [...v].length <= ADD_TO_CART_MAX && BUTTON_TEXT.test(v)

/** What each surface reads in a variant's config; anything else is refused so a typo never ships silently. */
function configErrors(surface: Surface, config: VariantConfig, at: string): FieldError[] {
  const allowed: Record<Surface, Record<string, (v: unknown) => boolean>> = {
    product_layout: { storyPosition: (v) => v === 'above' || v === 'below' },
    product_text: { reassurance: (v) => typeof v === 'string' && v.length <= 140, [ADD_TO_CART_KEYS.fr]: buttonLabel, [ADD_TO_CART_KEYS.en]: buttonLabel },
    free_shipping_banner: { banner: (v) => v === 'none' || v === 'amount' || v === 'benefit' },
    search_ranking: { ranking: (v) => (RANKINGS as readonly unknown[]).includes(v) },
    flag: { enabled: (v) => typeof v === 'boolean' },
  }
  const rules = allowed[surface]
  const errors: FieldError[] = []
  for (const [k, v] of Object.entries(config)) {
    const ok = rules[k]
    if (!ok) errors.push({ path: at, message: `Réglage « ${k} » inconnu pour cet emplacement (permis : ${Object.keys(rules).join(', ')})` })
    else if (!ok(v)) errors.push({ path: at, message: k === ADD_TO_CART_KEYS.fr || k === ADD_TO_CART_KEYS.en
      ? `Réglage « ${k} » : le texte du bouton fait 1 à ${ADD_TO_CART_MAX} caractères, sur une ligne, sans espace au début ni à la fin`
      : `Réglage « ${k} » : valeur ${JSON.stringify(v)} refusée` })
  }
  if (surface === 'product_text' && (ADD_TO_CART_KEYS.fr in config) !== (ADD_TO_CART_KEYS.en in config)) {
    errors.push({ path: at, message: `Le texte du bouton panier se donne en français et en anglais : ${ADD_TO_CART_KEYS.fr} et ${ADD_TO_CART_KEYS.en} ensemble` })
  }
  return errors
}

/** The rules of a definition that can be saved as a draft (and kept while it runs). */
export function definitionErrors(e: ValidExperiment): FieldError[] {
  const errors: FieldError[] = []
  if (e.kind === 'flag' && e.surface !== 'flag') errors.push({ path: 'surface', message: 'Un drapeau de fonctionnalité utilise l’emplacement « flag »' })
  if (e.kind === 'experiment' && e.variants.length < 2) errors.push({ path: 'variants', message: 'Une expérience a au moins 2 variantes (la première est le témoin)' })
  if (e.kind === 'flag') {
    const keys = e.variants.map((v) => v.key).join(',')
    if (keys !== 'off,on') errors.push({ path: 'variants', message: 'Un drapeau a exactement deux variantes : off puis on' })
  }
  const keys = new Set<string>()
  e.variants.forEach((v, i) => {
    if (keys.has(v.key)) errors.push({ path: 'variants', message: `La clé de variante « ${v.key} » apparaît deux fois` })
    keys.add(v.key)
    errors.push(...configErrors(e.surface, v.config, `variants.${i}.config`))
  })
  const total = e.variants.reduce((s, v) => s + Math.round(v.weight * 100), 0)
  if (e.variants.length && total !== 10_000) errors.push({ path: 'variants', message: `Les poids des variantes doivent faire 100 % au total (ici ${total / 100} %)` })
  if (e.guardrailMetrics.includes(e.primaryMetric as never)) errors.push({ path: 'guardrailMetrics', message: 'Un garde-fou ne peut pas être l’indicateur principal' })
  return errors
}

/** What starting needs on top of a valid draft. */
export function startErrors(e: { kind: string; primaryMetric: string | null }): FieldError[] {
  if (e.kind === 'experiment' && !e.primaryMetric) return [{ path: 'primaryMetric', message: 'Impossible de démarrer sans indicateur principal : choisissez-en un' }]
  return []
}

/** Minimum visitors per variant (relative MDE), or null while the baseline or MDE is missing. */
export function minSamplePerVariant(e: Pick<ValidExperiment, 'baselineRate' | 'mde' | 'alpha' | 'power'>): number | null {
  if (e.baselineRate === null || e.mde === null) return null
  if (e.baselineRate * (1 + e.mde) >= 1) invalid([{ path: 'mde', message: 'Taux de référence × (1 + effet) doit rester sous 100 %' }])
  return sampleSizeForConversion({ baselineRate: e.baselineRate, minimumDetectableEffect: e.mde, mdeType: 'relative', alpha: e.alpha, power: e.power }).perVariant
}
