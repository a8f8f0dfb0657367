import type { ImageRef } from '../../modules/catalog/types.ts'
import type { PageContext } from './page-context.ts'
import { Picture } from './picture.tsx'

/**
 * A product or producer picture, or a fixed-ratio placeholder when there is none yet.
 * Either way the box is reserved before anything loads (no layout shift). `eager` marks
 * the picture likely to be the largest one above the fold (LCP): loaded first, high priority.
 */
/** `decorative`: the name is printed beside the picture (cards), so its alt is empty (read once, not twice). */
export function ProductImage({ ctx, image, sizes, eager = false, decorative = false }: { ctx: PageContext; image: ImageRef | null; sizes: string; eager?: boolean; decorative?: boolean }) {
  if (!image) return decorative ? <span class="ph" aria-hidden="true" /> : <span class="ph" role="img" aria-label={ctx.t("product.noImage")} />
  return <Picture image={image} sizes={sizes} loading={eager ? 'eager' : 'lazy'} {...(eager ? { fetchpriority: 'high' as const } : {})} {...(decorative ? { alt: '' } : {})} class="pic" />
}
