// Public API of the catalog module: the read model of products, categories and collections.
// Texts come in ctx.locale, prices are RETAIL tax included in ctx.market (integer cents).

/** Product tiles for these ids, in the given order, in two queries. */
export { getProductCards } from './get-product-cards.ts'
/** The product page by slug (in ctx.locale) or id; null when unknown or not ACTIVE. */
export { getProductDetail, type ProductKey } from './get-product-detail.ts'
/** A filtered, sorted page of tiles on sale in ctx.market (category pages, Store API). */
export { listProducts, type ListProductsInput, type ProductPage, type ProductSort } from './list-products.ts'
/** The category tree with product counts for ctx.market and paths per language. */
export { getCategoryTree, buildCategoryTree, clearCatalogCache } from './get-category-tree.ts'
/** The category at URL segments in ctx.locale, with its breadcrumb, or null. */
export { findCategoryByPath, type CategoryMatch } from './find-category-by-path.ts'
/** Newest products on sale in ctx.market. */
export { listNewArrivals } from './list-new-arrivals.ts'
/** Staff-featured products on sale in ctx.market. */
export { listFeaturedProducts } from './list-featured-products.ts'
/** Collections with their product ids on sale in ctx.market. */
export { listCollections, type ListCollectionsInput } from './list-collections.ts'
/** One collection by slug in ctx.locale, or null. */
export { getCollection } from './get-collection.ts'
/** A producer's page with the ids of its products on sale in ctx.market, or null. */
export { getProducerDetail } from './get-producer-detail.ts'
/** Every product, category and producer page for sitemap.xml; products stream in batches. */
export { countSitemapProducts, listSitemapEntries, type SitemapEntries, type SitemapProduct, type SitemapCategory } from './list-sitemap-entries.ts'
/** Display rules: stock status thresholds, unit prices, food information. */
export { stockStatusOf, unitPriceOf, summarizeOffer, foodInformationFrom, LOW_STOCK_THRESHOLD } from './offer-rules.ts'
export type * from './types.ts'
/** Category paths/ids and producer slugs/ids from a URL → ids; throws NOT_FOUND for an unknown one. */
export { resolveCatalogFilters, type CatalogFilterNames, type CatalogFilterIds } from './resolve-catalog-filters.ts'
/** Variants a shopper may buy in a market, with everything checkout rules need. */
export { getSellableVariants, type SellableVariant } from './get-sellable-variants.ts'
