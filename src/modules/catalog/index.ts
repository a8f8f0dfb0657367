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
/** Counts for the back-office home pages. */
export { catalogCounts, type CatalogCounts } from './catalog-counts.ts'
/** A product's pictures: attach a stored image, take one off, put them in order (audited). */
export { attachProductImage, AttachProductImageInput } from './attach-product-image.ts'
export { detachProductImage, DetachProductImageInput } from './detach-product-image.ts'
export { reorderProductImages, ReorderProductImagesInput } from './reorder-product-images.ts'
export type { ProductPictures } from './product-pictures.ts'
/** The back-office product table: every status, text search, filters, sorts, server-side pages. */
export { listAdminProducts, AdminProductListInput, PRODUCT_COUNT_CAP, type AdminProductRow, type AdminProductPage } from './list-admin-products.ts'
/** A product by id, handle, SKU or slug (back-office forms). */
export { findProductByRef } from './find-product-by-ref.ts'
// ── Editing (back office): one use case per file, each with the zod schema of its input (field errors for the forms).
/** A product with its variants and prices, any status, as the edit page shows it (with its version). */
export { getProductForEdit, type ProductForEdit } from './get-product-for-edit.ts'
/** Create a product / save its fields (version check → CONFLICT) / change its status. */
export { createProduct, CreateProductInput, type SavedProduct } from './create-product.ts'
export { updateProduct, UpdateProductInput } from './update-product.ts'
export { setProductStatus, SetProductStatusInput } from './set-product-status.ts'
/** Create or change a variant (SKU unique) / replace its prices (cents), under the product's version. */
export { saveVariant, SaveVariantInput, type SavedVariant } from './save-variant.ts'
export { setVariantPrices, SetVariantPricesInput } from './set-variant-prices.ts'
/** Categories (tree, slugs unique per parent) and collections (texts, then their products). */
export { saveCategory, SaveCategoryInput, type SavedCategory } from './save-category.ts'
export { saveCollection, SaveCollectionInput, type SavedCollection } from './save-collection.ts'
export { setCollectionProducts, SetCollectionProductsInput } from './set-collection-products.ts'
export { type FieldError } from './edit-fields.ts'
/** Catalogue CSV: read a file, plan (dry run: every error by line), apply a clean plan, export. */
export { readCsv, CSV_LIMITS, type CsvTable } from './csv/read-csv.ts'
export { planCatalogImport, type ImportPlan } from './csv/plan-import.ts'
export { applyCatalogImport } from './csv/apply-import.ts'
export { reportOf, emptySummary, type ImportReport, type ImportSummary, type CsvError } from './csv/report.ts'
export { exportCatalogCsv, exportCatalogCsvChunks, type ExportOptions } from './csv/export-csv.ts'
/** Back-office reads: a product's pictures, every category and collection (with versions), products by handle/SKU, reference codes. */
export { listProductPictures, type ProductPicture } from './list-product-pictures.ts'
export { listAdminCategories, type AdminCategory } from './list-admin-categories.ts'
export { listAdminCollections, type AdminCollection } from './list-admin-collections.ts'
export { findProductsByRefs } from './find-products-by-refs.ts'
export { loadReferenceCodes, type ReferenceCodes } from './references.ts'
