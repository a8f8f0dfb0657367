import type { ComponentChildren } from 'preact'
import type { ImageRef, ProductCard, StockStatus, UnitPrice, VariantDetail } from '../../modules/catalog/types.ts'
import type { Money } from '../../kernel/money.ts'
import { ProductImage } from './image-slot.tsx'
import { money, num, paths, type PageContext } from './page-context.ts'

/** "27,90 €" and, for prepackaged goods, the price per litre or kilo next to it (C. consom., arrêté 3 Dec 1987). */
export function Price({ ctx, price, unitPrice, from }: { ctx: PageContext; price: Money | null; unitPrice: UnitPrice | null; from?: boolean }) {
  const { t } = ctx
  if (!price) return <p class="price not-sold">{t('price.notSold')}</p>
  const amount = money(ctx, price)
  return (
    <p class="price">
      <span class="amount">{from ? t('card.from', { price: amount }) : amount}</span>{' '}
      <span class="ttc">{t('price.ttc')}</span>
      {unitPrice ? <span class="unit-price">{t('price.unit', { price: money(ctx, unitPrice.amount), per: unitPrice.per })}</span> : null}
    </p>
  )
}

export function StockBadge({ ctx, status }: { ctx: PageContext; status: StockStatus }) {
  return <p class={`stock stock-${status}`}>{ctx.t(`stock.${status}`)}</p>
}

/** "70 cl" style net quantity from the variant's unit. */
export function netQuantityText(ctx: PageContext, v: Pick<VariantDetail, 'netQuantity' | 'netQuantityUnit'>): string {
  const n = v.netQuantity
  return ctx.t(`unit.${v.netQuantityUnit}`, { n: v.netQuantityUnit === 'ml' || v.netQuantityUnit === 'g' ? num(ctx, n) : n })
}

/** One product tile; `level` keeps the heading outline right where the grid sits (h2 under h1, h3 under h2). */
export function ProductTile({ ctx, card, level = 3, eager = false, action }: { ctx: PageContext; card: ProductCard; level?: 2 | 3; eager?: boolean; action?: ComponentChildren }) {
  const H = level === 2 ? 'h2' : 'h3'
  const href = paths.product(ctx.locale, ctx.locale === 'fr' ? card.slugs.fr : card.slugs.en)
  return (
    <li class="card">
      <a class="card-link" href={href}>
        <ProductImage ctx={ctx} image={card.image} sizes="(min-width: 1000px) 270px, (min-width: 600px) 33vw, 50vw" eager={eager} decorative />
        <H class="card-title">{card.name}</H>
      </a>
      <p class="card-producer">{ctx.t('card.by', { producer: card.producer.name })}</p>
      <Price ctx={ctx} price={card.price} unitPrice={card.unitPrice} from={card.priceFrom} />
      <StockBadge ctx={ctx} status={card.stockStatus} />
      {action}
    </li>
  )
}

/** `tileAction`: what a listing adds under each tile (the category page's "add to cart"). */
export function ProductGrid({ ctx, cards, level = 3, eagerFirst = 0, tileAction }: { ctx: PageContext; cards: ProductCard[]; level?: 2 | 3; eagerFirst?: number; tileAction?: (card: ProductCard) => ComponentChildren }) {
  return (
    <ul class="grid">
      {cards.map((card, i) => (
        <ProductTile ctx={ctx} card={card} level={level} eager={i < eagerFirst} action={tileAction?.(card)} />
      ))}
    </ul>
  )
}

export type Crumb = { name: string; href: string }

export function Breadcrumbs({ ctx, items }: { ctx: PageContext; items: Crumb[] }) {
  return (
    <nav class="breadcrumb" aria-label={ctx.t('nav.breadcrumb')}>
      <ol>
        {items.map((c, i) => (
          <li>{i === items.length - 1 ? <span aria-current="page">{c.name}</span> : <a href={c.href}>{c.name}</a>}</li>
        ))}
      </ol>
    </nav>
  )
}

/** Numbered pages around the current one, with previous/next links (rel links go in the head). */
export function Pagination({ ctx, page, pages, hrefFor }: { ctx: PageContext; page: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null
  const { t } = ctx
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b)
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <p class="visually-hidden">{t('pagination.status', { page, pages })}</p>
      <ul>
        {page > 1 ? <li><a href={hrefFor(page - 1)} rel="prev">{t('pagination.previous')}</a></li> : null}
        {shown.map((p) => (
          <li>
            {p === page ? (
              <span aria-current="page" class="current">{p}</span>
            ) : (
              <a href={hrefFor(p)} aria-label={t('pagination.page', { page: p })}>{p}</a>
            )}
          </li>
        ))}
        {page < pages ? <li><a href={hrefFor(page + 1)} rel="next">{t('pagination.next')}</a></li> : null}
      </ul>
    </nav>
  )
}

export type { ImageRef }
