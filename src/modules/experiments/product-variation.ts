import type { Ctx } from '../../kernel/ctx.ts'
import { loadShippingData } from '../shipping/index.ts'
import { experimentFor, type Assignment } from './experiment-for.ts'
import { ADD_TO_CART_KEYS } from './rules.ts'
import { runningExperiments, type RunningExperiment } from './running.ts'
import type { Surface } from './tables.ts'
import type { ExperimentVisit } from './visit.ts'

/** What the product page varies; null fields: the page's default. */
export type ProductVariation = {
  /** the producer story above the description, or at the end (default) */
  storyPosition: 'above' | 'below' | null
  /** the reassurance line under the offers */
  reassurance: string | null
  /** the free-shipping banner: only a threshold that really applies to the market, with its method */
  freeShipping: { wording: 'amount' | 'benefit'; thresholdCents: number; methodFr: string; methodEn: string } | null
  /** the add-to-cart button's words (plain text, escaped by the view) */
  addToCart: { fr: string; en: string } | null
}

export const NO_VARIATION: ProductVariation = { storyPosition: null, reassurance: null, freeShipping: null, addToCart: null }

/** The page facts that decide whether a variant is visible at all. */
export type ProductPageFacts = { /** an add-to-cart button is on the page */ canBuy: boolean }

const labelOf = (c: Record<string, unknown>): { fr: string; en: string } | null => {
  const fr = c[ADD_TO_CART_KEYS.fr]
  const en = c[ADD_TO_CART_KEYS.en]
  return typeof fr === 'string' && typeof en === 'string' && fr.trim() && en.trim() ? { fr, en } : null
}
/** A text test that only changes the button shows nothing on a page without one (for every arm alike). */
const onlyButton = (e: RunningExperiment) => e.variants.every((v) => !(typeof v.config.reassurance === 'string' && v.config.reassurance.trim()))
const PRODUCT_SURFACES: readonly Surface[] = ['product_layout', 'product_text', 'free_shipping_banner']

/** The lowest free-shipping threshold of a rate delivering to the market (its zone), with the method it belongs to. */
async function freeShippingThreshold(ctx: Ctx): Promise<{ cents: number; methodFr: string; methodEn: string } | null> {
  const data = await loadShippingData(ctx)
  let best: { cents: number; methodFr: string; methodEn: string } | null = null
  for (const r of data.rates.values()) {
    const m = data.methods.find((x) => x.code === r.methodCode)
    if (!m || r.zone !== ctx.market || r.freeAboveGross === null) continue
    if (!best || r.freeAboveGross < best.cents) best = { cents: r.freeAboveGross, methodFr: m.nameFr, methodEn: m.nameEn }
  }
  return best
}

/** Whether any running experiment can change the product page (else the visitor need not be resolved). */
export async function productPageExperimentsRunning(ctx: Ctx): Promise<boolean> {
  for (const e of (await runningExperiments(ctx.db)).values()) if (PRODUCT_SURFACES.includes(e.surface)) return true
  return false
}

/**
 * The variation of the product page for this visitor, and the assignments it actually shows (their
 * exposures are recorded by the route). A variant that shows nothing different (no free-shipping
 * threshold in this market) is not an exposure.
 */
export async function productPageVariation(ctx: Ctx, visit: ExperimentVisit, page: ProductPageFacts = { canBuy: true }): Promise<{ variation: ProductVariation; shown: Assignment[] }> {
  const variation: ProductVariation = { ...NO_VARIATION }
  const shown: Assignment[] = []
  for (const e of (await runningExperiments(ctx.db)).values()) {
    if (!PRODUCT_SURFACES.includes(e.surface)) continue
    const a = await experimentFor(ctx.db, visit, e.key, ctx.now)
    const c = a.config
    if (e.surface === 'product_layout') {
      variation.storyPosition = c.storyPosition === 'above' ? 'above' : 'below'
    } else if (e.surface === 'product_text') {
      if (!page.canBuy && onlyButton(e)) continue
      variation.reassurance = typeof c.reassurance === 'string' && c.reassurance.trim() ? c.reassurance : null
      variation.addToCart = labelOf(c)
    } else {
      const threshold = await freeShippingThreshold(ctx)
      if (!threshold) continue
      if (c.banner === 'amount' || c.banner === 'benefit') variation.freeShipping = { wording: c.banner, thresholdCents: threshold.cents, methodFr: threshold.methodFr, methodEn: threshold.methodEn }
    }
    shown.push(a)
  }
  return { variation, shown }
}
