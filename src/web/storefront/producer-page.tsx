import type { ProducerDetail, ProducerSummary, ProductCard } from '../../modules/catalog/types.ts'
import { Breadcrumbs, ProductGrid, type Crumb } from './components.tsx'
import { ProductImage } from './image-slot.tsx'
import { Layout } from './layout.tsx'
import { paths, type PageContext } from './page-context.ts'
import { breadcrumbJsonLd } from './seo.ts'

/** "Meet the producer": story, commune, since, labels, and its products sold in the shopper's market. */
export function ProducerPage({ ctx, producer: p, products, crumbs }: { ctx: PageContext; producer: ProducerDetail; products: ProductCard[]; crumbs: Crumb[] }) {
  const { t } = ctx
  const title = p.commune ? t('producer.title', { name: p.name, commune: p.commune }) : t('producer.titleNoCommune', { name: p.name })
  const description = (p.story ?? t('producer.description', { name: p.name, commune: p.commune ?? 'Guadeloupe' })).slice(0, 160)
  const org = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: p.name,
    url: `${ctx.publicUrl}${ctx.path}`,
    ...(p.story ? { description: p.story } : {}),
    ...(p.sinceYear ? { foundingDate: String(p.sinceYear) } : {}),
    ...(p.commune ? { address: { '@type': 'PostalAddress', addressLocality: p.commune, addressRegion: 'Guadeloupe', addressCountry: 'FR' } } : {}),
  }
  return (
    <Layout ctx={ctx} seo={{ title, description, ogType: 'profile', jsonLd: [org, breadcrumbJsonLd(ctx, crumbs)] }} alcohol={products.some((c) => c.ageRestricted)}>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <article class="producer">
        <div class="producer-head">
          <ProductImage ctx={ctx} image={p.image} sizes="(min-width: 900px) 400px, 100vw" eager />
          <div>
            <p class="eyebrow">{t('producer.meet')}</p>
            <h1>{p.name}</h1>
            <dl class="attributes">
              {p.commune ? <div><dt>{t('producer.commune')}</dt><dd>{p.commune}</dd></div> : null}
              {p.island ? <div><dt>{t('producer.island')}</dt><dd>{p.island}</dd></div> : null}
              {p.sinceYear ? <div><dt>{t('producer.since', { year: '' }).trim()}</dt><dd>{p.sinceYear}</dd></div> : null}
              {p.staff ? <div><dt>{t('producer.team')}</dt><dd>{t('producer.staff', { count: p.staff })}</dd></div> : null}
              {p.labels.length ? <div><dt>{t('producer.labels')}</dt><dd>{p.labels.map((l) => l.name).join(' · ')}</dd></div> : null}
            </dl>
          </div>
        </div>
        {p.story ? (
          <section aria-labelledby="story-title">
            <h2 id="story-title">{t('producer.story')}</h2>
            <p class="lead">{p.story}</p>
          </section>
        ) : null}
        <section aria-labelledby="products-title">
          <h2 id="products-title">{t('producer.products')}</h2>
          {products.length ? <ProductGrid ctx={ctx} cards={products} /> : <p>{t('producer.noProducts')}</p>}
        </section>
      </article>
    </Layout>
  )
}

export function ProducersPage({ ctx, producers }: { ctx: PageContext; producers: ProducerSummary[] }) {
  const { t } = ctx
  const crumbs: Crumb[] = [{ name: t('nav.home'), href: paths.home(ctx.locale) }, { name: t('producers.heading'), href: paths.producers(ctx.locale) }]
  return (
    <Layout ctx={ctx} seo={{ title: t('producers.title'), description: t('producers.description'), jsonLd: [breadcrumbJsonLd(ctx, crumbs)] }}>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <h1>{t('producers.heading')}</h1>
      <p class="lead">{t('producers.intro')}</p>
      <ul class="producer-list">
        {producers.map((p) => (
          <li class="producer-card">
            <a href={paths.producer(ctx.locale, p.slug)}>
              <ProductImage ctx={ctx} image={p.image} sizes="(min-width: 1000px) 270px, 50vw" decorative />
              <h2>{p.name}</h2>
            </a>
            {p.commune ? <p class="muted">{p.commune}{p.sinceYear ? ` · ${t('producer.since', { year: String(p.sinceYear) })}` : ''}</p> : null}
            {p.story ? <p>{p.story}</p> : null}
          </li>
        ))}
      </ul>
      <p class="apply-cta">
        <a href={ctx.locale === 'fr' ? '/fr/producteurs/candidater' : '/en/producers/apply'}>
          {ctx.locale === 'fr' ? 'Vous êtes producteur ? Proposez vos produits' : 'Are you a producer? Offer your products'}
        </a>
      </p>
    </Layout>
  )
}
