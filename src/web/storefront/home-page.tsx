import type { CategoryNode, CollectionSummary, ProducerSummary, ProductCard } from '../../modules/catalog/types.ts'
import { ProductGrid } from './components.tsx'
import { ProductImage } from './image-slot.tsx'
import { Layout } from './layout.tsx'
import { paths, type PageContext } from './page-context.ts'
import { organizationJsonLd } from './seo.ts'

export type HomePageProps = {
  ctx: PageContext
  categories: CategoryNode[]
  producers: ProducerSummary[]
  collections: CollectionSummary[]
  newArrivals: ProductCard[]
  featured: ProductCard[]
}

const localSlug = (ctx: PageContext, s: { fr: string; en: string }) => (ctx.locale === 'fr' ? s.fr : s.en)

/** Home: departments, featured producers and selections, favourites and new arrivals; the minors banner by law. */
export function HomePage(props: HomePageProps) {
  const { ctx } = props
  const { t } = ctx
  const alcohol = [...props.newArrivals, ...props.featured].some((c) => c.ageRestricted)
  return (
    <Layout ctx={ctx} seo={{ title: t('home.title'), description: t('site.description'), jsonLd: [organizationJsonLd(ctx)] }} alcohol={alcohol} minorsBanner>
      <section class="hero">
        <h1>{t('home.heading')}</h1>
        <p>{t('home.intro')}</p>
      </section>
      {props.categories.length ? (
        <section aria-labelledby="home-categories">
          <h2 id="home-categories">{t('home.categories')}</h2>
          <ul class="chips">
            {props.categories.map((c) => (
              <li><a href={paths.category(ctx.locale, localSlug(ctx, c.path))}>{c.name}</a></li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.featured.length ? (
        <section aria-labelledby="home-featured">
          <h2 id="home-featured">{t('home.featured')}</h2>
          <ProductGrid ctx={ctx} cards={props.featured} eagerFirst={2} />
        </section>
      ) : null}
      {props.producers.length ? (
        <section aria-labelledby="home-producers">
          <h2 id="home-producers">{t('home.producers')}</h2>
          <ul class="producer-list">
            {props.producers.map((p) => (
              <li class="producer-card">
                <a href={paths.producer(ctx.locale, p.slug)}>
                  <ProductImage ctx={ctx} image={p.image} sizes="(min-width: 1000px) 270px, 50vw" decorative />
                  <h3>{p.name}</h3>
                </a>
                {p.commune ? <p class="muted">{p.commune}</p> : null}
              </li>
            ))}
          </ul>
          <p><a href={paths.producers(ctx.locale)}>{t('home.allProducers')}</a></p>
        </section>
      ) : null}
      {props.collections.length ? (
        <section aria-labelledby="home-collections">
          <h2 id="home-collections">{t('home.collections')}</h2>
          <ul class="collection-list">
            {props.collections.map((c) => (
              <li>
                <a href={paths.collection(ctx.locale, localSlug(ctx, c.slugs))}><h3>{c.name}</h3></a>
                {c.description ? <p>{c.description}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.newArrivals.length ? (
        <section aria-labelledby="home-new">
          <h2 id="home-new">{t('home.newArrivals')}</h2>
          <ProductGrid ctx={ctx} cards={props.newArrivals} />
        </section>
      ) : null}
    </Layout>
  )
}
