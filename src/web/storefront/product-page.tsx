import type { FoodInformation, NutritionValues, ProductDetail, VariantDetail } from '../../modules/catalog/types.ts'
import type { ProductVariation } from '../../modules/experiments/product-variation.ts'
import { imageUrl } from '../../modules/media/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { AddToCartForm, buyable } from './checkout/add-to-cart.tsx'
import { Breadcrumbs, netQuantityText, Price, StockBadge, type Crumb } from './components.tsx'
import { ProductImage } from './image-slot.tsx'
import { Layout } from './layout.tsx'
import { money, num, paths, type PageContext } from './page-context.ts'
import { breadcrumbJsonLd, productJsonLd } from './seo.ts'

export type ProductPageProps = {
  ctx: PageContext
  product: ProductDetail
  crumbs: Crumb[]
  /** what a running experiment changes for this visitor (absent: the default page) */
  variation?: ProductVariation | undefined
}

const EXEMPTIONS = ['ALCOHOLIC_BEVERAGE_OVER_1_2_PCT', 'COFFEE', 'SPICES_HERBS', 'SALT_AND_SPICES', 'FLAVOURING', 'SINGLE_INGREDIENT_UNPROCESSED'] as const

/** The stored exemption starts with a code ("COFFEE (Annex V) — verify"): show the translated legal wording. */
export function exemptionKey(exemption: string): MessageKey {
  const code = exemption.split(/[\s(]/)[0] ?? ''
  return (EXEMPTIONS as readonly string[]).includes(code) ? (`exemption.${code}` as MessageKey) : 'exemption.other'
}

const ALLERGENS = ['cereals_gluten', 'crustaceans', 'eggs', 'fish', 'peanuts', 'soybeans', 'milk', 'nuts', 'celery', 'mustard', 'sesame', 'sulphites', 'lupin', 'molluscs']
const allergenName = (ctx: PageContext, code: string) => (ALLERGENS.includes(code) ? ctx.t(`allergen.${code}` as MessageKey) : code)

const STORAGE = ['ambient', 'ambient_shaded', 'cool_after_opening', 'tropical_flowers_14_18C']
const storageText = (ctx: PageContext, s: string) => (STORAGE.includes(s) ? ctx.t(`storage.${s}` as MessageKey) : s)

function monthNames(ctx: PageContext, months: number[]): string {
  const f = new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', timeZone: 'UTC' })
  return months.map((m) => f.format(new Date(Date.UTC(2024, m - 1, 1)))).join(', ')
}

function VariantOffer({ ctx, v, label }: { ctx: PageContext; v: VariantDetail; label: string | null }) {
  const { t } = ctx
  return (
    <li class="variant">
      <h3 class="variant-label">{v.optionLabel}</h3>
      <Price ctx={ctx} price={v.price} unitPrice={v.unitPrice} />
      <StockBadge ctx={ctx} status={v.stockStatus} />
      {buyable(v) ? <AddToCartForm ctx={ctx} variant={v} label={label} /> : null}
      {v.madeToOrder || v.leadTimeDays > 0 ? <p class="muted">{t('stock.leadTime', { days: v.leadTimeDays })}</p> : null}
      {v.limitedEditionQty ? <p class="muted">{t('product.limited', { qty: v.limitedEditionQty })}</p> : null}
      {v.minOrderQty > 1 ? <p class="muted">{t('product.minOrder', { qty: v.minOrderQty })}</p> : null}
      {v.b2bOnly ? <p class="muted">{t('product.b2bOnly')}</p> : null}
      <p class="sku">{t('product.sku', { sku: v.sku })}</p>
    </li>
  )
}

function NutritionTable({ ctx, n }: { ctx: PageContext; n: NutritionValues }) {
  const { t } = ctx
  const g = (v: number) => `${num(ctx, v)} g`
  const rows: [string, string, boolean][] = [
    [t('product.energy'), `${num(ctx, n.energyKj)} kJ / ${num(ctx, n.energyKcal)} kcal`, false],
    [t('product.fat'), g(n.fatG), false],
    [t('product.saturates'), g(n.saturatesG), true],
    [t('product.carbohydrate'), g(n.carbohydrateG), false],
    [t('product.sugars'), g(n.sugarsG), true],
    [t('product.protein'), g(n.proteinG), false],
    [t('product.salt'), g(n.saltG), false],
  ]
  return (
    <table class="nutrition">
      <caption>{t('product.nutritionPer', { per: n.per.replace(/^(\d+)(g|ml)$/, '$1 $2') })}</caption>
      <thead>
        <tr><th scope="col">{t('product.nutrient')}</th><th scope="col">{t('product.amount')}</th></tr>
      </thead>
      <tbody>
        {rows.map(([name, value, sub]) => (
          <tr class={sub ? 'sub' : undefined}><th scope="row">{name}</th><td>{value}</td></tr>
        ))}
      </tbody>
    </table>
  )
}

/** INCO information before purchase (Reg. 1169/2011 art. 14): ingredients, the 14 allergens highlighted, nutrition. */
function FoodInfo({ ctx, food }: { ctx: PageContext; food: FoodInformation }) {
  const { t } = ctx
  const n = food.nutrition
  return (
    <section class="food" aria-labelledby="food-title">
      <h2 id="food-title">{t('product.food')}</h2>
      <h3>{t('product.ingredients')}</h3>
      <p>{food.ingredients ?? t('product.noIngredients')}</p>
      <h3>{t('product.allergens')}</h3>
      {food.allergens.length ? (
        <p class="allergens">
          {t('product.allergensContains', { list: '' })}
          {food.allergens.map((a, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <strong class="allergen">{allergenName(ctx, a)}</strong>
            </>
          ))}
        </p>
      ) : (
        <p>{t('product.noAllergens')}</p>
      )}
      <h3>{t('product.nutrition')}</h3>
      {!n.required ? <p>{t(exemptionKey(n.exemption))}</p> : 'values' in n ? <NutritionTable ctx={ctx} n={n.values} /> : <p>{t('product.nutritionPerComponent')}</p>}
    </section>
  )
}

function Attributes({ ctx, p }: { ctx: PageContext; p: ProductDetail }) {
  const { t } = ctx
  const v = p.variants[0]
  const rows: [string, string][] = []
  const abv = p.variants.find((x) => x.abv !== null)?.abv
  if (abv != null) rows.push([t('product.abv'), t('product.abvValue', { abv: num(ctx, abv) })])
  if (p.variants.length) rows.push([p.variants.some((x) => x.volumeL !== null) ? t('product.volume') : t('product.netQuantity'), p.variants.map((x) => netQuantityText(ctx, x)).join(' · ')])
  const origin = [p.origin.commune, p.origin.territory === 'GP' ? 'Guadeloupe' : p.origin.territory].filter(Boolean).join(', ')
  if (origin) rows.push([t('product.origin'), origin])
  if (p.labels.length) rows.push([t('product.labels'), p.labels.map((l) => l.name).join(' · ')])
  if (v?.shelfLifeDays) rows.push([t('product.shelfLife'), t('product.shelfLifeValue', { days: v.shelfLifeDays })])
  if (v?.vaseLifeDays) rows.push([t('product.vaseLife'), t('product.vaseLifeValue', { days: v.vaseLifeDays })])
  if (v?.seasonMonths?.length) rows.push([t('product.season'), monthNames(ctx, v.seasonMonths)])
  if (p.storage) rows.push([t('product.storage'), storageText(ctx, p.storage)])
  rows.push([t('product.shipping'), p.fragile ? `${p.shippingClass.name} — ${t('product.fragile')}` : p.shippingClass.name])
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">{t('product.details')}</h2>
      <dl class="attributes">
        {rows.map(([k, val]) => (
          <div><dt>{k}</dt><dd>{val}</dd></div>
        ))}
      </dl>
    </section>
  )
}

/** A product: photos, one section per variant (price TTC in the market, unit price, stock), story, attributes, food information, withdrawal. */
/** The free-shipping banner of an experiment: the real threshold of the market, with the method it applies to. */
function FreeShippingBanner({ ctx, offer }: { ctx: PageContext; offer: NonNullable<ProductVariation['freeShipping']> }) {
  const amount = money(ctx, { amount: offer.thresholdCents, currency: 'EUR' })
  const method = ctx.locale === 'fr' ? offer.methodFr : offer.methodEn
  const text = offer.wording === 'amount'
    ? (ctx.locale === 'fr' ? `Livraison offerte dès ${amount} d’achats (${method})` : `Free delivery from ${amount} (${method})`)
    : (ctx.locale === 'fr' ? `Dès ${amount} d’achats, la livraison est pour nous (${method})` : `Spend ${amount} and delivery is on us (${method})`)
  return <p class="free-shipping-banner" role="note" data-experiment="free_shipping_banner">{text}</p>
}

function ProducerStory({ ctx, p }: { ctx: PageContext; p: ProductDetail }) {
  const { t } = ctx
  return (
    <section class="producer-story" aria-labelledby="producer-title">
      <h2 id="producer-title">{t('product.producer')}</h2>
      <h3>{p.producer.name}</h3>
      {p.producer.story ? <p>{p.producer.story}</p> : null}
      {p.producer.sinceYear ? <p class="muted">{t('producer.since', { year: String(p.producer.sinceYear) })}</p> : null}
      <p><a href={paths.producer(ctx.locale, p.producer.slug)}>{t('product.meetProducer', { producer: p.producer.name })}</a></p>
    </section>
  )
}

export function ProductPage({ ctx, product: p, crumbs, variation }: ProductPageProps) {
  const { t } = ctx
  // JPEG renditions for Open Graph and JSON-LD: every crawler reads them
  const imageUrls = p.images.map((img) => imageUrl(img.key, img.widths.includes(960) ? 960 : Math.max(...img.widths), 'jpg'))
  const sold = p.variants.some((v) => v.price !== null)
  const marketName = ctx.t(ctx.market === 'GP' ? 'market.GP' : 'market.FR-MAINLAND')
  const description = (p.description ?? p.sellingPoints.join(' ')).slice(0, 160) || `${p.name} — ${p.producer.name}`
  const isAlcohol = p.ageRestricted || p.variants.some((v) => (v.abv ?? 0) > 1.2)
  const storyAbove = variation?.storyPosition === 'above'
  return (
    <Layout
      ctx={ctx}
      seo={{ title: t('product.title', { name: p.name, producer: p.producer.name }), description, ogType: 'product', image: imageUrls[0], jsonLd: [productJsonLd(ctx, p, imageUrls), breadcrumbJsonLd(ctx, crumbs)] }}
      alcohol={isAlcohol}
      ageGate={p.ageRestricted}
    >
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <article class="product">
        <div class="gallery" aria-label={t('product.images', { name: p.name })} role="group">
          {p.images.length ? p.images.map((img, i) => <ProductImage ctx={ctx} image={img} sizes="(min-width: 900px) 560px, 100vw" eager={i === 0} />) : <ProductImage ctx={ctx} image={null} sizes="(min-width: 900px) 560px, 100vw" eager />}
        </div>
        <div class="buy-box">
          <h1>{p.name}</h1>
          <p class="by">
            <a href={paths.producer(ctx.locale, p.producer.slug)}>{p.producer.name}</a>
            {p.producer.commune ? ` — ${p.producer.commune}` : ''}
          </p>
          {p.minAge ? <p class="age-badge">{t('product.ageRestricted', { age: p.minAge })}</p> : null}
          {sold ? null : (
            <div class="not-sold-box" role="note">
              <p><strong>{t('price.notSold')}</strong></p>
              <p>{t('price.notSoldHelp', { market: marketName })}</p>
            </div>
          )}
          <section aria-labelledby="variants-title">
            <h2 id="variants-title" class="visually-hidden">{t('product.variants')}</h2>
            <ul class="variants">
              {p.variants.map((v) => <VariantOffer ctx={ctx} v={v} label={variation?.addToCart?.[ctx.locale] ?? null} />)}
            </ul>
          </section>
          {variation?.reassurance ? <p class="reassurance" data-experiment="product_text">{variation.reassurance}</p> : null}
          {variation?.freeShipping ? <FreeShippingBanner ctx={ctx} offer={variation.freeShipping} /> : null}
          <section class="withdrawal" aria-labelledby="withdrawal-title">
            <h2 id="withdrawal-title">{t('product.withdrawal')}</h2>
            <p>{p.withdrawalRight ? t('product.withdrawalYes') : t('product.withdrawalNo')}</p>
            {p.withdrawalRight ? <p><a href={paths.legal(ctx.locale, 'withdrawal')}>{t('product.withdrawalLink')}</a></p> : null}
          </section>
        </div>
      </article>
      {storyAbove ? <ProducerStory ctx={ctx} p={p} /> : null}
      {p.description ? (
        <section aria-labelledby="desc-title">
          <h2 id="desc-title">{t('product.description')}</h2>
          <p>{p.description}</p>
        </section>
      ) : null}
      {p.sellingPoints.length ? (
        <section aria-labelledby="points-title">
          <h2 id="points-title">{t('product.sellingPoints')}</h2>
          <ul class="points">{p.sellingPoints.map((s) => <li>{s}</li>)}</ul>
        </section>
      ) : null}
      <Attributes ctx={ctx} p={p} />
      {p.foodInformation ? <FoodInfo ctx={ctx} food={p.foodInformation} /> : null}
      {storyAbove ? null : <ProducerStory ctx={ctx} p={p} />}
    </Layout>
  )
}
