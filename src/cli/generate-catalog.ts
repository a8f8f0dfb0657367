import { seededRandom } from '../kernel/random.ts'
import { sql, type Insertable } from 'kysely'
import type { Database, Db } from '../kernel/db/client.ts'
import { newId } from '../kernel/ids.ts'
import { slugify } from '../kernel/text.ts'
import { catalogDb, type CatalogTables } from '../modules/catalog/tables.ts'
import { inventoryDb, type InventoryTables } from '../modules/inventory/tables.ts'
import { variantOptionLabel } from '../seed/variant-label.ts'

/**
 * The large-catalogue generator for benchmarks: adds N synthetic products to a database that
 * holds the demo market. Each synthetic product copies the regulated facts of a demo product of
 * the same category (VAT and excise category, shipping class, age restriction, units), so every
 * row passes the schema's checks and the storefront treats it like a real one; names come from
 * word lists per category. Rows go in multi-row INSERTs of `batchSize` products, one transaction
 * per batch, so memory stays flat and a 100,000-product run shows steady progress.
 */
export type GenerateCatalogOptions = {
  products: number
  batchSize?: number
  /** random seed: the same seed on the same demo market gives the same catalogue */
  seed?: number
  now?: Date
  onProgress?: (done: number) => void
  /** category id → shared picture id, linked to every synthetic product of that category */
  categoryImages?: Map<string, string>
}

export type GenerateCatalogResult = { products: number; variants: number; prices: number; lots: number; ms: number }

type Template = {
  category_id: string
  sub: string
  producer_ids: string[]
  vat_category_code: string
  shipping_class_code: string
  age_restricted: boolean
  min_age: number | null
  perishable: boolean
  fragile: boolean
  storage: string | null
  net_quantity: number
  net_quantity_unit: 'ml' | 'g' | 'stem' | 'pod' | 'piece'
  gross_weight_g: number
  dimensions_cm: number[]
  glass: boolean
  abv: number | null
  excise_category_code: string | null
  css_applies: boolean
  dom_rum_reduced_rate_eligible: boolean
  shelf_life_days: number | null
  vase_life_days: number | null
  hs_code: string | null
  unit_codes: unknown
  made_to_order: boolean
  lead_time_days: number
  allowed_zones: string[]
  prices: Record<string, number>
  labels: string[]
}

type Pair = readonly [fr: string, en: string]

// Product kinds per leaf category (French, English).
const BASES: Record<string, Pair[]> = {
  rhum_blanc: [['Rhum blanc agricole', 'White agricultural rum'], ['Rhum blanc', 'White rum']],
  rhum_paille: [['Rhum paille', 'Straw rum'], ['Rhum ambré', 'Amber rum']],
  rhum_vieux: [['Rhum vieux', 'Aged rum'], ["Rhum hors d'âge", 'Extra-aged rum'], ['Rhum vieux VSOP', 'VSOP aged rum'], ['Rhum vieux XO', 'XO aged rum']],
  mignonnette: [['Mignonnette de rhum', 'Rum miniature']],
  coffret_degustation: [['Coffret dégustation', 'Tasting set']],
  rhum_arrange: [['Rhum arrangé', 'Infused rum']],
  punch: [['Punch', 'Punch']],
  liqueur: [['Liqueur', 'Liqueur']],
  grains: [['Café en grains', 'Coffee beans']],
  moulu: [['Café moulu', 'Ground coffee']],
  microlot: [['Café microlot', 'Micro-lot coffee']],
  vanille: [['Vanille en gousses', 'Vanilla pods'], ['Vanille en poudre', 'Vanilla powder']],
  vanillon: [['Vanillon', 'Vanillon']],
  cannelle: [['Cannelle en bâtons', 'Cinnamon sticks']],
  colombo: [['Poudre à colombo', 'Colombo curry powder']],
  muscade: [['Noix de muscade', 'Whole nutmeg']],
  bois_d_inde: [["Feuilles de bois d'Inde", 'Bay rum leaves']],
  melange: [["Mélange d'épices", 'Spice blend']],
  piment: [['Purée de piment', 'Chilli paste'], ['Sauce pimentée', 'Hot sauce']],
  sel: [['Sel aux épices', 'Spiced salt']],
  anthurium: [["Bouquet d'anthuriums", 'Anthurium bouquet']],
  bouquet_tropical: [['Bouquet tropical', 'Tropical bouquet']],
  rose_de_porcelaine: [['Roses de porcelaine', 'Torch ginger']],
  composition: [['Composition florale', 'Floral arrangement']],
  strelitzia: [['Oiseaux de paradis', 'Birds of paradise']],
  heliconia: [['Héliconias', 'Heliconias']],
  feuillage: [['Botte de feuillages', 'Foliage bunch']],
  plante_en_pot: [['Anthurium en pot', 'Potted anthurium'], ['Orchidée en pot', 'Potted orchid']],
  confiture: [['Confiture', 'Jam']],
  gelee: [['Gelée', 'Jelly']],
  sirop: [['Sirop', 'Syrup']],
  coffret: [['Coffret gourmand', 'Gourmet set']],
  sucre: [['Sucre de canne', 'Cane sugar']],
  confiserie: [['Doucelettes', 'Coconut sweets'], ['Tablettes', 'Candy tablets'], ['Nougat', 'Nougat']],
  pate_de_fruit: [['Pâte de fruits', 'Fruit paste']],
  miel: [['Miel', 'Honey']],
  coffret_composite: [['Coffret découverte', 'Discovery box']],
}
/** Leaf categories whose products are named after a fruit or a flower ("Confiture de goyave"). */
const FLAVOURED = new Set(['rhum_arrange', 'punch', 'liqueur', 'confiture', 'gelee', 'sirop', 'pate_de_fruit', 'miel', 'confiserie'])
const FLAVOURS: Pair[] = [
  ['goyave', 'Guava'], ['coco', 'Coconut'], ['maracudja', 'Passion fruit'], ['ananas', 'Pineapple'], ['banane', 'Banana'],
  ['mangue', 'Mango'], ['citron vert', 'Lime'], ['gingembre', 'Ginger'], ['cannelle', 'Cinnamon'], ['vanille', 'Vanilla'],
  ['corossol', 'Soursop'], ['prune de Cythère', 'June plum'], ['cacao', 'Cocoa'], ['café', 'Coffee'], ['orange', 'Orange'],
  ['tamarin', 'Tamarind'], ['letchi', 'Lychee'], ['campêche', 'Logwood blossom'], ['carambole', 'Star fruit'], ['pomme-cannelle', 'Sugar apple'],
]
// Places and Creole words, the same in both languages.
const NAMES = [
  'Soufrière', 'Karukera', 'Grande Anse', 'Morne Rouge', 'Pointe des Châteaux', 'Désirade', 'Les Saintes', 'Marie-Galante', 'Matouba',
  'Deshaies', 'Bouillante', 'Vieux-Fort', 'Anse Bertrand', 'Petit-Canal', 'Carbet', 'Malendure', 'Port-Louis', 'Ti Paradis', 'Lakou',
  'Bèl Bonjou', 'Flanbwayan', 'Zanmi', 'Solèy', 'Lanmè', 'Kaz Kréyòl', 'Mòn Jan', 'Bwa Kanèl', 'Ti Kouto', 'Alizé', 'Caravelle',
]
const EDITIONS: Pair[] = [['cuvée', 'cuvée'], ['réserve', 'reserve'], ['sélection', 'selection'], ['édition', 'edition']]
const SIZES: Record<Template['net_quantity_unit'], number[]> = {
  ml: [50, 200, 350, 500, 700, 1000],
  g: [30, 100, 125, 150, 220, 250, 500, 1000],
  stem: [3, 5, 7, 10],
  pod: [2, 3, 5, 10],
  piece: [1],
}
const WAREHOUSES = ['GP-JARRY', 'FR-HUB']


const deFr = (word: string) => (/^[aeiouyéèêàâîôûh]/i.test(word) ? `d'${word}` : `de ${word}`)

/** A product name in both languages from the word lists of its category. */
export function syntheticName(sub: string, r: () => number): { fr: string; en: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const [baseFr, baseEn] = pick(BASES[sub] ?? [['Spécialité', 'Speciality']])
  const name = pick(NAMES)
  if (FLAVOURED.has(sub)) {
    const [fFr, fEn] = pick(FLAVOURS)
    const withName = r() < 0.5
    return {
      fr: `${baseFr} ${deFr(fFr)}${withName ? ` « ${name} »` : ''}`,
      en: `${fEn} ${baseEn.toLowerCase()}${withName ? ` '${name}'` : ''}`,
    }
  }
  const [eFr, eEn] = pick(EDITIONS)
  const year = 2015 + Math.floor(r() * 11)
  return r() < 0.5 ? { fr: `${baseFr} « ${name} »`, en: `${baseEn} '${name}'` } : { fr: `${baseFr} « ${name} » ${eFr} ${year}`, en: `${baseEn} '${name}' ${eEn} ${year}` }
}

/** One demo product per leaf category, with the producers who sell in it, as the pattern to copy. */
async function loadTemplates(db: Db): Promise<Template[]> {
  const r = await sql<Template>`
    select distinct on (p.category_id)
           p.category_id, split_part(c.code, '/', 2) as sub,
           (select array_agg(distinct p2.producer_id) from products p2 join producers pr on pr.id = p2.producer_id
             where p2.category_id = p.category_id and pr.kind = 'producer' and pr.status = 'ACTIVE') as producer_ids,
           p.vat_category_code, p.shipping_class_code, p.age_restricted, p.min_age, p.perishable, p.fragile, p.storage,
           v.net_quantity, v.net_quantity_unit, v.gross_weight_g, v.dimensions_cm, v.glass, v.abv, v.excise_category_code,
           v.css_applies, v.dom_rum_reduced_rate_eligible, v.shelf_life_days, v.vase_life_days, v.hs_code, v.unit_codes,
           v.made_to_order, v.lead_time_days, v.allowed_zones,
           coalesce((select jsonb_object_agg(vp.market, vp.amount) from variant_prices vp where vp.variant_id = v.id and vp.price_list = 'RETAIL'), '{}') as prices,
           coalesce((select array_agg(pl.label_code) from product_labels pl where pl.product_id = p.id), '{}') as labels
      from products p
      join categories c on c.id = p.category_id
      join product_variants v on v.product_id = p.id and not v.b2b_only
     order by p.category_id, p.created_at, v.position`.execute(db)
  // the operator's gift boxes have no producer of their own: give them every producer's name
  const all = await sql<{ id: string }>`select id from producers where kind = 'producer' and status = 'ACTIVE' order by id`.execute(db)
  return r.rows.map((t) => ({ ...t, producer_ids: t.producer_ids?.length ? t.producer_ids : all.rows.map((p) => p.id) }))
}

const roundPrice = (cents: number) => Math.max(150, Math.round(cents / 10) * 10 - 10)

export async function generateCatalog(database: Database, opts: GenerateCatalogOptions): Promise<GenerateCatalogResult> {
  const t0 = performance.now()
  const now = opts.now ?? new Date()
  const batchSize = opts.batchSize ?? 1000
  const tag = now.getTime().toString(36)
  const r = seededRandom(opts.seed ?? 42) // reproducible catalogues for benchmarks
  const templates = await loadTemplates(database.db)
  if (!templates.length) throw new Error('no demo products to copy: seed the demo market first')
  const communes = new Map((await sql<{ id: string; commune: string | null }>`select id, commune from producers`.execute(database.db)).rows.map((p) => [p.id, p.commune]))
  const totals = { products: 0, variants: 0, prices: 0, lots: 0 }

  for (let start = 0; start < opts.products; start += batchSize) {
    const count = Math.min(batchSize, opts.products - start)
    const products: Insertable<CatalogTables['products']>[] = []
    const variants: Insertable<CatalogTables['product_variants']>[] = []
    const prices: Insertable<CatalogTables['variant_prices']>[] = []
    const labels: Insertable<CatalogTables['product_labels']>[] = []
    const images: Insertable<CatalogTables['product_images']>[] = []
    const lots: (Insertable<InventoryTables['lots']> & { id: string; qty: number })[] = []
    for (let k = 0; k < count; k++) {
      const i = start + k
      const t = templates[i % templates.length]!
      const id = newId('prd', now.getTime())
      const name = syntheticName(t.sub, r)
      const suffix = `${tag}${i.toString(36)}`
      const producerId = t.producer_ids[Math.floor(r() * t.producer_ids.length)]!
      const created = new Date(now.getTime() - Math.floor(r() * 365 * 864e5))
      products.push({
        id, handle: `syn-${suffix}`, slug_fr: `${slugify(name.fr, 60)}-${suffix}`, slug_en: `${slugify(name.en, 60)}-${suffix}`,
        producer_id: producerId, category_id: t.category_id, status: 'ACTIVE' as const, name_fr: name.fr, name_en: name.en,
        description_fr: `${name.fr}, préparé en Guadeloupe par un producteur partenaire de Lakou.`,
        description_en: `${name.en}, made in Guadeloupe by a Lakou partner producer.`,
        selling_points_fr: [`Origine : ${communes.get(producerId) ?? 'Guadeloupe'}, Guadeloupe`],
        selling_points_en: [`Origin: ${communes.get(producerId) ?? 'Guadeloupe'}, Guadeloupe`],
        vat_category_code: t.vat_category_code, shipping_class_code: t.shipping_class_code, age_restricted: t.age_restricted, min_age: t.min_age,
        perishable: t.perishable, fragile: t.fragile, storage: t.storage, origin_territory: 'GP', origin_commune: communes.get(producerId) ?? null,
        food_information: null, featured: false, created_at: created, updated_at: created,
      })
      for (const code of t.labels) if (r() < 0.6) labels.push({ product_id: id, label_code: code })
      const image = opts.categoryImages?.get(t.category_id)
      if (image) images.push({ product_id: id, image_id: image, position: 0 })
      const sizes = SIZES[t.net_quantity_unit]
      const nVariants = Math.min(sizes.length, 1 + Math.floor(r() * 3))
      const chosen = [...new Set(Array.from({ length: nVariants }, () => sizes[Math.floor(r() * sizes.length)]!))].sort((a, b) => a - b)
      for (const [pos, size] of chosen.entries()) {
        const vid = newId('var', now.getTime())
        const scale = size / t.net_quantity
        const abv = t.abv === null ? null : Math.round(Math.min(70, Math.max(15, t.abv + (r() * 10 - 5))) * 10) / 10
        const volumeL = t.abv === null ? null : size / 1000
        const labelFr = variantOptionLabel(size, t.net_quantity_unit, 'fr')
        variants.push({
          id: vid, product_id: id, sku: `SYN-${suffix}-${pos}`.toUpperCase(), position: pos,
          option_label_fr: labelFr, option_label_en: variantOptionLabel(size, t.net_quantity_unit, 'en'),
          name_fr: `${name.fr} — ${labelFr}`, name_en: `${name.en} — ${variantOptionLabel(size, t.net_quantity_unit, 'en')}`,
          net_quantity: size, net_quantity_unit: t.net_quantity_unit, gross_weight_g: Math.max(20, Math.round(t.gross_weight_g * scale)),
          dimensions_cm: t.dimensions_cm, glass: t.glass, abv, volume_l: volumeL,
          pure_alcohol_l: abv === null || volumeL === null ? null : Math.round(volumeL * abv * 1000) / 100000,
          excise_category_code: t.excise_category_code, css_applies: t.css_applies, dom_rum_reduced_rate_eligible: t.dom_rum_reduced_rate_eligible,
          shelf_life_days: t.shelf_life_days, vase_life_days: t.vase_life_days, hs_code: t.hs_code, unit_codes: JSON.stringify(t.unit_codes),
          made_to_order: t.made_to_order, lead_time_days: t.lead_time_days, limited_edition_qty: null, season_months: null,
          allowed_zones: t.allowed_zones, components: null, created_at: created,
        })
        const factor = (0.8 + r() * 0.5) * Math.pow(scale, 0.85)
        for (const [market, amount] of Object.entries(t.prices)) {
          prices.push({ variant_id: vid, price_list: 'RETAIL' as const, market, amount: roundPrice(amount * factor), tax_included: true })
        }
        if (t.made_to_order || r() < 0.08) continue // made to order, or sold out: no opening stock
        for (const wh of WAREHOUSES) {
          if (wh !== 'GP-JARRY' && r() < 0.4) continue
          lots.push({ id: newId('lot', now.getTime()), variant_id: vid, warehouse_code: wh, lot_code: `SYN-${suffix}-${pos}-${wh}`, best_before: null, produced_on: null, qty: 1 + Math.floor(r() * 300) })
        }
      }
    }
    await database.db.transaction().execute(async (trx) => {
      const c = catalogDb(trx)
      const inv = inventoryDb(trx)
      await c.insertInto('products').values(products).execute()
      // stay under PostgreSQL's 65,535 bind parameters per statement (variants have 36 columns)
      for (let j = 0; j < variants.length; j += 1000) await c.insertInto('product_variants').values(variants.slice(j, j + 1000)).execute()
      for (let j = 0; j < prices.length; j += 5000) await c.insertInto('variant_prices').values(prices.slice(j, j + 5000)).execute()
      if (labels.length) await c.insertInto('product_labels').values(labels).execute()
      if (images.length) await c.insertInto('product_images').values(images).execute()
      for (let j = 0; j < lots.length; j += 5000) {
        const chunk = lots.slice(j, j + 5000)
        await inv.insertInto('lots').values(chunk.map(({ qty: _q, ...l }) => l)).execute()
        // through the ledger: the trigger on stock_movements builds stock_levels
        await inv.insertInto('stock_movements').values(chunk.map((l) => ({ lot_id: l.id, quantity: l.qty, reason: 'OPENING' as const, reference: 'synthetic-seed', note: null }))).execute()
      }
    })
    totals.products += products.length
    totals.variants += variants.length
    totals.prices += prices.length
    totals.lots += lots.length
    opts.onProgress?.(totals.products)
  }
  await sql`ANALYZE`.execute(database.db)
  return { ...totals, ms: Math.round(performance.now() - t0) }
}
