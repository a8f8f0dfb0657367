import type { CollectionSummary, ProductCard } from '../../modules/catalog/types.ts'
import { Breadcrumbs, ProductGrid, type Crumb } from './components.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { breadcrumbJsonLd } from './seo.ts'

export function CollectionPage({ ctx, collection, products, crumbs }: { ctx: PageContext; collection: CollectionSummary; products: ProductCard[]; crumbs: Crumb[] }) {
  const { t } = ctx
  const description = (collection.description ?? `${collection.name} — ${t('site.description')}`).slice(0, 160)
  return (
    <Layout ctx={ctx} seo={{ title: t('collection.title', { name: collection.name }), description, jsonLd: [breadcrumbJsonLd(ctx, crumbs)] }} alcohol={products.some((c) => c.ageRestricted)}>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <h1>{collection.name}</h1>
      {collection.description ? <p class="lead">{collection.description}</p> : null}
      <p class="count">{t('collection.count', { count: products.length })}</p>
      {products.length ? <ProductGrid ctx={ctx} cards={products} level={2} eagerFirst={2} /> : <p>{t('collection.empty')}</p>}
    </Layout>
  )
}
