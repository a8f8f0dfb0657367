import type { ProductCard, VariantDetail } from '../../../modules/catalog/types.ts'
import { CsrfField } from '../account/forms.tsx'
import type { PageContext } from '../page-context.ts'
import { checkoutPaths } from './checkout-paths.ts'

/** Units offered by the quick quantity select; the cart page takes up to 99. */
const QUICK_QUANTITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

/** A variant can be put in the cart from its page: priced in this market, for consumers, not sold out. */
export const buyable = (v: Pick<VariantDetail, 'price' | 'b2bOnly' | 'stockStatus'>): boolean => v.price !== null && !v.b2bOnly && v.stockStatus !== 'out_of_stock'

/**
 * "Ajouter au panier" for one variant: a plain POST form (303 to the cart with a confirmation)
 * that cart.js turns into a fetch updating the header count. These forms sit on pages shared
 * by the page cache, so the CSRF field carries the placeholder the CSRF plugin fills per response.
 * `label`: an A/B test's words for the button (plain text: Preact escapes it), else the default.
 */
export function AddToCartForm({ ctx, variant, label }: { ctx: PageContext; variant: Pick<VariantDetail, 'id' | 'optionLabel'>; label?: string | null | undefined }) {
  const { t } = ctx
  const id = `add-qty-${variant.id}`
  return (
    <form method="post" action={checkoutPaths.cartAdd(ctx.locale)} class="add-to-cart" data-add-to-cart="">
      <CsrfField />
      <input type="hidden" name="variantId" value={variant.id} />
      <label for={id}>{t('cart.addQuantity')}<span class="visually-hidden"> — {variant.optionLabel}</span></label>{' '}
      <select id={id} name="quantity">
        {QUICK_QUANTITIES.map((n) => <option value={String(n)}>{n}</option>)}
      </select>{' '}
      <button type="submit" {...(label ? { 'data-experiment': 'product_text' } : {})}>{label || t('cart.add')}<span class="visually-hidden"> — {variant.optionLabel}</span></button>
      <p class="cart-status" role="status" data-cart-status=""></p>
    </form>
  )
}

/** The tile's button: one unit of the product (the server picks its only size, or sends to the product page to choose). */
export function TileAddToCart({ ctx, card }: { ctx: PageContext; card: ProductCard }) {
  if (card.price === null || card.priceFrom || card.stockStatus === 'out_of_stock') return null
  return (
    <form method="post" action={checkoutPaths.cartAdd(ctx.locale)} class="add-to-cart" data-add-to-cart="">
      <CsrfField />
      <input type="hidden" name="product" value={card.id} />
      <input type="hidden" name="quantity" value="1" />
      <button type="submit" class="secondary">{ctx.t('cart.add')}<span class="visually-hidden"> — {card.name}</span></button>
      <p class="cart-status" role="status" data-cart-status=""></p>
    </form>
  )
}
