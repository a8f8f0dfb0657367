import type { ProductDetail, StockStatus } from '../../modules/catalog/types.ts'
import { decimalString } from '../../kernel/money.ts'
import type { Crumb } from './components.tsx'
import { absoluteUrl } from './layout.tsx'
import { paths, type PageContext } from './page-context.ts'

// schema.org objects for the JSON-LD of the pages (Google's Product, Offer and BreadcrumbList rich results).

const AVAILABILITY: Record<StockStatus, string> = {
  in_stock: 'https://schema.org/InStock',
  low_stock: 'https://schema.org/InStock',
  out_of_stock: 'https://schema.org/OutOfStock',
  made_to_order: 'https://schema.org/PreOrder',
}

export function breadcrumbJsonLd(ctx: PageContext, items: Crumb[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: absoluteUrl(ctx, c.href) })),
  }
}

/** Product with one Offer per variant sold in the shopper's market (price as a decimal string, tax included). */
export function productJsonLd(ctx: PageContext, p: ProductDetail, imageUrls: string[]): object {
  const url = absoluteUrl(ctx, paths.product(ctx.locale, ctx.locale === 'fr' ? p.slugs.fr : p.slugs.en))
  const offers = p.variants
    .filter((v) => v.price !== null && !v.b2bOnly)
    .map((v) => ({
      '@type': 'Offer',
      sku: v.sku,
      name: v.optionLabel,
      price: decimalString(v.price!),
      priceCurrency: v.price!.currency,
      availability: AVAILABILITY[v.stockStatus],
      itemCondition: 'https://schema.org/NewCondition',
      url,
      seller: { '@type': 'Organization', name: 'Lakou' },
    }))
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    ...(imageUrls.length ? { image: imageUrls.map((u) => absoluteUrl(ctx, u)) } : {}),
    ...(p.variants[0] ? { sku: p.variants[0].sku } : {}),
    brand: { '@type': 'Brand', name: p.producer.name },
    category: p.category.name,
    url,
    ...(offers.length ? { offers } : {}),
  }
}

export function organizationJsonLd(ctx: PageContext): object {
  return { '@context': 'https://schema.org', '@type': 'Organization', name: 'Lakou', url: absoluteUrl(ctx, paths.home(ctx.locale)), logo: absoluteUrl(ctx, ctx.asset('favicon.svg')) }
}
