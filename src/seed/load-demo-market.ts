import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { PROJECT_ROOT } from '../kernel/config.ts'
import type { Db } from '../kernel/db/client.ts'
import { newId } from '../kernel/ids.ts'
import { basisPointsFromPercent, centsFromDecimal } from '../kernel/money.ts'
import { slugify } from '../kernel/text.ts'
import { catalogDb } from '../modules/catalog/tables.ts'
import { inventoryDb } from '../modules/inventory/tables.ts'
import { producersDb } from '../modules/producers/tables.ts'
import { shippingDb } from '../modules/shipping/tables.ts'
import { taxDb } from '../modules/tax/tables.ts'
import { DemoCatalog, DemoCategories, ProductGroups, type DemoProduct } from './demo-catalog.schema.ts'
import { variantOptionLabel } from './variant-label.ts'

/**
 * The demo market loader: a bulk import that spans the reference modules (tax, shipping,
 * producers, catalog, inventory) in one transaction, so it is a flow of its own.
 * Follows the import order of docs/DEMO-DATA.md and fails on any dangling reference.
 */
export const SEED_DIR = path.join(PROJECT_ROOT, 'data', 'seed')

export type DemoMarketFiles = { catalog: DemoCatalog; categories: DemoCategories; groups: ProductGroups }
type ProductGroups = import('zod').infer<typeof ProductGroups>

export function readDemoMarketFiles(dir = SEED_DIR): DemoMarketFiles {
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))
  return {
    catalog: DemoCatalog.parse(read('demo-catalog.json')),
    categories: DemoCategories.parse(read('categories.json')),
    groups: ProductGroups.parse(read('product-groups.json')),
  }
}

/** Checks every cross reference of the files; throws one error listing them all. */
export function checkReferences({ catalog, categories, groups }: DemoMarketFiles): void {
  const errors: string[] = []
  const has = (set: Set<string>, key: string, where: string) => set.has(key) || errors.push(`${where}: unknown ${key}`)
  const territories = new Set(catalog.territories.map((t) => t.code))
  const warehouses = new Set(catalog.warehouses.map((w) => w.code))
  const vat = new Set(catalog.vatCategories.map((v) => v.code))
  const excise = new Set(catalog.exciseCategories.map((e) => e.code))
  const labels = new Set(catalog.labels.map((l) => l.code))
  const classes = new Set(catalog.shippingClasses.map((c) => c.code))
  const producers = new Set(['OPERATOR', ...catalog.producers.map((p) => p.id)])
  const skus = new Set(catalog.products.map((p) => p.sku))
  const allergens = new Set(catalog.allergenCodes.codes)
  const subcats = new Map(categories.categories.flatMap((c) => Object.keys(c.children).map((s) => [`${c.code}/${s}`, true] as const)))
  for (const w of catalog.warehouses) has(territories, w.territory, `warehouse ${w.code}`)
  for (const p of catalog.producers) {
    has(territories, p.territory, `producer ${p.id}`)
    p.labels.forEach((l) => has(labels, l, `producer ${p.id} label`))
  }
  for (const p of catalog.products) {
    const at = `product ${p.sku}`
    has(producers, p.producerId, at)
    has(vat, p.vatCategory, at)
    has(classes, p.shipping.shippingClass, at)
    p.labels.forEach((l) => has(labels, l, `${at} label`))
    p.shipping.allowedZones.forEach((z) => has(territories, z, `${at} zone`))
    p.initialStock.forEach((s) => has(warehouses, s.warehouse, `${at} stock`))
    p.foodInformation?.allergens.forEach((a) => has(allergens, a, `${at} allergen`))
    if (p.excise) has(excise, p.excise.category, at)
    if (!subcats.has(`${p.category}/${p.subcategory}`)) errors.push(`${at}: category ${p.category}/${p.subcategory} missing in categories.json`)
    for (const c of p.components ?? []) if (typeof c.sku === 'string') has(skus, c.sku, `${at} component`)
    for (const m of Object.keys(p.pricing.retailTtcEur ?? {})) has(territories, m, `${at} price market`)
  }
  for (const g of groups.groups) g.skus.forEach((s) => has(skus, s, `group ${g.handle}`))
  if (errors.length) throw new Error(`Demo market files have ${errors.length} broken reference(s):\n  ${errors.join('\n  ')}`)
}

export type LoadResult = { producers: number; products: number; variants: number; lots: number }

/** Loads the demo market into an empty database, in one transaction. */
export async function loadDemoMarket(db: Db, files: DemoMarketFiles, now = new Date()): Promise<LoadResult> {
  checkReferences(files)
  return db.transaction().execute(async (trx) => loadInto(trx, files, now))
}

async function loadInto(trx: Db, { catalog, categories, groups }: DemoMarketFiles, now: Date): Promise<LoadResult> {
  const today = now.toISOString().slice(0, 10)
  const markets = new Set(catalog.products.flatMap((p) => Object.entries(p.pricing.retailTtcEur ?? {}).filter(([, v]) => v !== null).map(([k]) => k)))

  // ── reference data
  await taxDb(trx).insertInto('territories').values(catalog.territories.map((t) => ({
    code: t.code, name_fr: t.name.fr, name_en: t.name.en, vat_territory: t.vatTerritory, iso3166: t.iso3166,
    iso_country_for_invoices: t.isoCountryForInvoices, eu_vat_territory: t.euVatTerritory, eu_customs_territory: t.euCustomsTerritory,
    excise_territory: t.exciseTerritory, is_market: markets.has(t.code), notes: t.notes ?? null,
  }))).execute()
  await inventoryDb(trx).insertInto('warehouses').values(catalog.warehouses.map((w) => ({
    code: w.code, name: w.name, territory_code: w.territory, commune: w.commune, postal_code: w.postalCode, roles: w.roles,
    temperature_zones: w.temperatureZones, bonded_excise_warehouse: w.bondedExciseWarehouse, notes: w.notes ?? null,
  }))).execute()
  await taxDb(trx).insertInto('vat_categories').values(catalog.vatCategories.map((v) => ({
    code: v.code, label_fr: v.label.fr, label_en: v.label.en, basis: v.basis ?? null, notes: v.notes ?? null,
  }))).execute()
  const rates = catalog.vatCategories.flatMap((v) => Object.entries(v.rates ?? {}).map(([territory, pct]) => ({
    vat_category_code: v.code, territory_code: territory, rate_bp: basisPointsFromPercent(pct), valid_from: '2000-01-01', valid_to: null,
  })))
  if (rates.length) await taxDb(trx).insertInto('vat_rates').values(rates).execute()
  await taxDb(trx).insertInto('excise_categories').values(catalog.exciseCategories.map((e) => ({
    code: e.code, label_fr: e.label.fr, label_en: e.label.en, applies_to: e.appliesTo,
    details: JSON.stringify({ mainland: e.mainland, gpLocal: e.gpLocal, cssApplies: e.cssApplies }),
  }))).execute()
  const tariffs = [
    ...catalog.exciseCategories.flatMap((e) => [
      ...e.mainland.reference.map((r) => ({ code: e.code, scope: 'mainland' as const, cents_per_hl_pure_alcohol: centsFromDecimal(r.eurPerHlAP), valid_from: `${r.year}-01-01`, valid_to: null, source: r.source })),
      { code: e.code, scope: 'gp_local' as const, cents_per_hl_pure_alcohol: centsFromDecimal(e.gpLocal.eurPerHlAP), valid_from: '2000-01-01', valid_to: null, source: e.gpLocal.tariffBasis },
    ]),
    ...catalog.socialSecurityContribution.reference.map((r) => ({ code: catalog.socialSecurityContribution.code, scope: 'css' as const, cents_per_hl_pure_alcohol: centsFromDecimal(r.eurPerHlAP), valid_from: `${r.year}-01-01`, valid_to: null, source: r.source })),
  ]
  await taxDb(trx).insertInto('excise_tariffs').values(tariffs).execute()
  await catalogDb(trx).insertInto('labels').values(catalog.labels.map((l) => ({ code: l.code, kind: l.kind, label_fr: l.label.fr, label_en: l.label.en, note: l.note ?? null }))).execute()
  await shippingDb(trx).insertInto('shipping_classes').values(catalog.shippingClasses.map((c) => ({
    code: c.code, label_fr: c.label.fr, label_en: c.label.en, rules: c.rules, allowed_zones: c.allowedZones,
  }))).execute()

  // ── producers (and the operator, which assembles the gift boxes)
  const producerIds = new Map<string, string>()
  const featuredProducers = new Set(['PRD-ACS', 'PRD-CHN', 'PRD-JFL', 'PRD-DKR'])
  const op = catalog.operator
  producerIds.set('OPERATOR', newId('prf'))
  const producerRows = [
    {
      id: producerIds.get('OPERATOR')!, code: 'OPERATOR', kind: 'operator' as const, slug: 'lakou', trade_name: 'Lakou', legal_form: null,
      status: 'ACTIVE' as const, siren: op.sirenFictional, vat_number: op.vatNumberFictional, commune: op.commune, postal_code: op.postalCode,
      island: 'Grande-Terre', territory_code: op.territory, lat: null, lon: null, since_year: null, staff: null, product_lines: ['coffrets'],
      story_fr: "L'équipe Lakou compose des coffrets avec les produits de ses producteurs partenaires.",
      story_en: 'The Lakou team puts together boxes with products from its partner producers.', email: null, phone: null, featured: false, image_id: null,
    },
    ...catalog.producers.map((p) => {
      const id = newId('prf')
      producerIds.set(p.id, id)
      return {
        id, code: p.id, kind: 'producer' as const, slug: p.slug, trade_name: p.tradeName, legal_form: p.legalForm, status: p.status,
        siren: p.sirenFictional, vat_number: p.vatNumberFictional, commune: p.commune, postal_code: p.postalCode, island: p.island,
        territory_code: p.territory, lat: p.approxLatLon[0], lon: p.approxLatLon[1], since_year: p.since, staff: p.staff,
        product_lines: p.productLines, story_fr: p.story.fr, story_en: p.story.en, email: p.contact.email, phone: p.contact.phone,
        featured: featuredProducers.has(p.id), image_id: null,
      }
    }),
  ]
  await producersDb(trx).insertInto('producers').values(producerRows).execute()
  const producerLabels = catalog.producers.flatMap((p) => p.labels.map((l) => ({ producer_id: producerIds.get(p.id)!, label_code: l })))
  if (producerLabels.length) await producersDb(trx).insertInto('producer_labels').values(producerLabels).execute()
  const agreements = catalog.producers.filter((p) => p.agreement).map((p) => {
    const a = p.agreement!
    return {
      producer_id: producerIds.get(p.id)!, valid_from: today, model: a.model, payment_terms_type: a.paymentTerms.type,
      payment_terms_days: a.paymentTerms.days, legal_basis: a.paymentTerms.legalBasis,
      commission_bp: a.commissionPct === undefined ? null : basisPointsFromPercent(a.commissionPct),
      settlement: a.settlement ?? null, incoterm: a.incoterm ?? null, excise_status: a.exciseStatus ?? null,
    }
  })
  if (agreements.length) await producersDb(trx).insertInto('producer_agreements').values(agreements).execute()

  // ── categories: top level then children
  const categoryIds = new Map<string, string>()
  const categoryRows = categories.categories.flatMap((c, i) => {
    const id = newId('cat')
    categoryIds.set(c.code, id)
    const top = { id, code: c.code, parent_id: null, slug_fr: slugify(c.name.fr), slug_en: slugify(c.name.en), name_fr: c.name.fr, name_en: c.name.en, description_fr: c.description.fr, description_en: c.description.en, position: i }
    const children = Object.entries(c.children).map(([sub, name], j) => {
      const childId = newId('cat')
      categoryIds.set(`${c.code}/${sub}`, childId)
      return { id: childId, code: `${c.code}/${sub}`, parent_id: id, slug_fr: slugify(name.fr), slug_en: slugify(name.en), name_fr: name.fr, name_en: name.en, description_fr: null, description_en: null, position: j }
    })
    return [top, ...children]
  })
  await catalogDb(trx).insertInto('categories').values(categoryRows).execute()

  // ── products and variants: grouped SKUs become one product with several variants
  const bySku = new Map(catalog.products.map((p) => [p.sku, p]))
  const families: { handle: string; name: { fr: string; en: string } | null; members: DemoProduct[] }[] = []
  const grouped = new Set<string>()
  for (const g of groups.groups) {
    families.push({ handle: g.handle, name: g.name, members: g.skus.map((s) => bySku.get(s)!) })
    g.skus.forEach((s) => grouped.add(s))
  }
  for (const p of catalog.products) if (!grouped.has(p.sku)) families.push({ handle: slugify(p.sku), name: null, members: [p] })

  const usedSlugs = { fr: new Set<string>(), en: new Set<string>() }
  const uniqueSlug = (base: string, lang: 'fr' | 'en') => {
    let s = base
    for (let n = 2; usedSlugs[lang].has(s); n++) s = `${base}-${n}`
    usedSlugs[lang].add(s)
    return s
  }
  const productIdBySku = new Map<string, string>()
  const products = []
  const variants = []
  const prices = []
  const productLabels: { product_id: string; label_code: string }[] = []
  const familyCount = families.length
  for (const [index, fam] of families.entries()) {
    const first = fam.members[0]!
    const id = newId('prd')
    const name = fam.name ?? first.name
    const created = new Date(now.getTime() - (familyCount - index) * 36e5 * 20) // staggered: later in the file = newer
    products.push({
      id, handle: fam.handle, slug_fr: uniqueSlug(slugify(name.fr), 'fr'), slug_en: uniqueSlug(slugify(name.en), 'en'),
      producer_id: producerIds.get(first.producerId)!, category_id: categoryIds.get(`${first.category}/${first.subcategory}`)!,
      status: 'ACTIVE' as const, name_fr: name.fr, name_en: name.en,
      description_fr: first.description?.fr ?? null, description_en: first.description?.en ?? null,
      selling_points_fr: sellingPoints(first, 'fr', catalog), selling_points_en: sellingPoints(first, 'en', catalog),
      vat_category_code: first.vatCategory, shipping_class_code: first.shipping.shippingClass, age_restricted: first.ageRestricted,
      min_age: first.minAge, perishable: first.perishable, fragile: first.fragile, storage: first.storage,
      origin_territory: first.origin.territory, origin_commune: first.origin.commune,
      food_information: first.foodInformation ? JSON.stringify(first.foodInformation) : null,
      featured: index % 7 === 0, created_at: created, updated_at: created,
    })
    first.labels.forEach((l) => productLabels.push({ product_id: id, label_code: l }))
    for (const [pos, p] of fam.members.entries()) {
      const vid = newId('var')
      productIdBySku.set(p.sku, id)
      variants.push({
        id: vid, product_id: id, sku: p.sku, position: pos,
        option_label_fr: variantOptionLabel(p.netQuantity.value, p.netQuantity.unit, 'fr'),
        option_label_en: variantOptionLabel(p.netQuantity.value, p.netQuantity.unit, 'en'),
        name_fr: p.name.fr, name_en: p.name.en, net_quantity: p.netQuantity.value, net_quantity_unit: p.netQuantity.unit,
        gross_weight_g: p.grossWeightG, dimensions_cm: p.dimensionsCm.map((d) => Math.round(d)), glass: p.glass,
        abv: p.excise?.abvPct ?? null, volume_l: p.excise?.volumeL ?? null, pure_alcohol_l: p.excise?.litresPureAlcohol ?? null,
        excise_category_code: p.excise?.category ?? null, css_applies: p.excise?.cssApplies ?? false,
        dom_rum_reduced_rate_eligible: p.excise?.domTraditionalRumReducedRateEligible ?? false,
        shelf_life_days: p.shelfLifeDays, vase_life_days: p.vaseLifeDays, hs_code: p.hsCodeIndicative, unit_codes: JSON.stringify(p.unitCode),
        b2b_only: p.b2b.b2bOnly, min_order_qty: p.b2b.minOrderQty, pack_size: p.b2b.packSize, made_to_order: p.availability.madeToOrder,
        lead_time_days: p.availability.leadTimeDays, limited_edition_qty: p.availability.limitedEditionQty,
        season_months: p.availability.seasonMonths, allowed_zones: p.shipping.allowedZones,
        components: p.components ? JSON.stringify(p.components) : null, created_at: now,
      })
      for (const [market, eur] of Object.entries(p.pricing.retailTtcEur ?? {})) {
        if (eur !== null) prices.push({ variant_id: vid, price_list: 'RETAIL' as const, market, amount: centsFromDecimal(eur), tax_included: true })
      }
      prices.push({ variant_id: vid, price_list: 'B2B' as const, market: 'FR-MAINLAND', amount: centsFromDecimal(p.pricing.b2bHtEurMainland), tax_included: false })
      prices.push({ variant_id: vid, price_list: 'COST' as const, market: first.origin.territory, amount: centsFromDecimal(p.pricing.purchaseCostHtEur), tax_included: false })
    }
  }
  const c = catalogDb(trx)
  await c.insertInto('products').values(products).execute()
  await c.insertInto('product_variants').values(variants).execute()
  await c.insertInto('variant_prices').values(prices).execute()
  await c.insertInto('product_labels').values(productLabels).execute()

  // ── collections by rule
  for (const [i, col] of categories.collections.entries()) {
    const cid = newId('col')
    await c.insertInto('collections').values({ id: cid, slug_fr: slugify(col.name.fr), slug_en: slugify(col.name.en), name_fr: col.name.fr, name_en: col.name.en, description_fr: col.description.fr, description_en: col.description.en, featured: col.featured, position: i }).execute()
    const members = new Set<string>()
    for (const p of catalog.products) {
      const r = col.rule
      if (r.labels?.some((l) => p.labels.includes(l)) || r.categories?.includes(p.category) || r.subcategories?.includes(p.subcategory)) members.add(productIdBySku.get(p.sku)!)
    }
    if (members.size) await c.insertInto('collection_products').values([...members].map((pid, pos) => ({ collection_id: cid, product_id: pid, position: pos }))).execute()
  }

  // ── opening stock: one lot per line, one OPENING movement per lot
  const variantIdBySku = new Map(variants.map((v) => [v.sku, v.id]))
  const lots = catalog.products.flatMap((p) => p.initialStock.map((s) => ({
    id: newId('lot'), variant_id: variantIdBySku.get(p.sku)!, warehouse_code: s.warehouse, lot_code: s.lot,
    best_before: s.bestBeforeInDays === null ? null : new Date(now.getTime() + s.bestBeforeInDays * 864e5).toISOString().slice(0, 10),
    produced_on: null, qty: s.qty,
  })))
  const inv = inventoryDb(trx)
  if (lots.length) {
    await inv.insertInto('lots').values(lots.map(({ qty: _q, ...l }) => l)).execute()
    await inv.insertInto('stock_movements').values(lots.map((l) => ({ lot_id: l.id, quantity: l.qty, reason: 'OPENING' as const, reference: 'demo-seed', note: null }))).execute()
  }
  await sql`ANALYZE`.execute(trx)
  return { producers: producerRows.length, products: products.length, variants: variants.length, lots: lots.length }
}

/** Short factual selling points from the data (Loi Evin: facts only for alcohol — origin, label, method). */
function sellingPoints(p: DemoProduct, lang: 'fr' | 'en', catalog: DemoCatalog): string[] {
  const labelName = new Map(catalog.labels.map((l) => [l.code, l.label[lang]]))
  const out: string[] = []
  out.push(lang === 'fr' ? `Origine : ${p.origin.commune}, Guadeloupe` : `Origin: ${p.origin.commune}, Guadeloupe`)
  for (const l of p.labels.slice(0, 3)) out.push(labelName.get(l)!)
  if (p.availability.limitedEditionQty) out.push(lang === 'fr' ? `Édition limitée à ${p.availability.limitedEditionQty} exemplaires` : `Limited edition of ${p.availability.limitedEditionQty}`)
  if (p.availability.madeToOrder) out.push(lang === 'fr' ? 'Coupé ou préparé à la commande' : 'Cut or prepared to order')
  if (p.vaseLifeDays) out.push(lang === 'fr' ? `Tenue en vase : environ ${p.vaseLifeDays} jours` : `Vase life: about ${p.vaseLifeDays} days`)
  return out
}
