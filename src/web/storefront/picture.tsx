import type { ImageRef } from '../../modules/catalog/types.ts'
import { imageSrcset, imageUrl } from '../../modules/media/image-url.ts'

export type PictureProps = {
  image: ImageRef
  /** the `sizes` attribute: how wide the picture is shown, e.g. "(min-width: 60em) 25vw, 50vw" */
  sizes: string
  /** 'eager' for the largest picture above the fold (the LCP element), 'lazy' elsewhere */
  loading?: 'lazy' | 'eager'
  fetchpriority?: 'high'
  class?: string
  /** overrides image.alt; pass '' where the name is already printed beside the picture (product
   *  cards), so screen readers do not read it twice (Lighthouse image-redundant-alt) */
  alt?: string
}

/**
 * A responsive picture: AVIF, then WebP, then a JPEG `<img>` for the rest. Width and height
 * are given so the browser reserves the box before the file arrives (no layout shift, CLS);
 * decoding is async so a large picture never blocks the first paint.
 */
export function Picture({ image, sizes, loading = 'lazy', fetchpriority, class: className, alt }: PictureProps) {
  const fallbackWidth = [...image.widths].sort((a, b) => a - b).find((w) => w >= 640) ?? Math.max(...image.widths)
  return (
    <picture>
      <source type="image/avif" srcset={imageSrcset(image.key, image.widths, 'avif')} sizes={sizes} />
      <source type="image/webp" srcset={imageSrcset(image.key, image.widths, 'webp')} sizes={sizes} />
      <img
        src={imageUrl(image.key, fallbackWidth, 'jpg')}
        srcset={imageSrcset(image.key, image.widths, 'jpg')}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={alt ?? image.alt}
        loading={loading}
        decoding="async"
        fetchpriority={fetchpriority}
        class={className}
      />
    </picture>
  )
}
