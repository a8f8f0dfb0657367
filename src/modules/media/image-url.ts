import type { ImageFormat } from './render-image.ts'

/**
 * URL of one stored rendition: `/media/<key>/<width>.<ext>`, served from `<dataDir>/media` with a
 * one-year immutable cache. Keys end with a hash of the drawing (or of the uploaded bytes), so a new picture gets a new URL.
 * @example imageUrl('products/acs-rhum-blanc-50-1a2b3c4d', 640, 'avif') // '/media/products/acs-rhum-blanc-50-1a2b3c4d/640.avif'
 */
export function imageUrl(key: string, width: number, format: ImageFormat): string {
  return `/media/${key}/${width}.${format}`
}

/** `srcset` value listing every width of a picture in one format. */
export function imageSrcset(key: string, widths: readonly number[], format: ImageFormat): string {
  return [...widths].sort((a, b) => a - b).map((w) => `${imageUrl(key, w, format)} ${w}w`).join(', ')
}
