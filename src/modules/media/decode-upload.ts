import type { Metadata } from 'sharp'
import { AppError } from '../../kernel/errors.ts'
import type { RawPicture } from './render-image.ts'
import { sniffImage, type AcceptedFormat } from './sniff-image.ts'

export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024
/** Refused from the header, before any pixel is decoded (decompression bombs). */
export const UPLOAD_MAX_PIXELS = 40_000_000
export const UPLOAD_MIN_SIDE = 200

/** An upload decoded, upright, in sRGB without alpha, at the largest width it will be stored in. */
export type DecodedUpload = {
  format: AcceptedFormat
  base: RawPicture
  /** upright size of the original */
  original: { width: number; height: number }
  widths: number[]
  /** height / width */
  aspect: number
  dominantColor: string
}

const notAnImage = () =>
  new AppError('MEDIA_NOT_AN_IMAGE', 'Ce fichier n’est pas une image lisible (fichier endommagé, incomplet ou d’un autre type) : envoyez une photo JPEG, PNG, WebP ou AVIF.')

/**
 * Decodes an uploaded file into the picture we store, or refuses it with a clear error:
 * the format is chosen by the content (signature, then sharp's own reading of it; the name and
 * MIME type the browser sent are never looked at), the pixel count is checked from the header
 * before decoding, and the whole image is decoded (a truncated or damaged file fails here).
 * EXIF orientation is applied, colours converted to sRGB, transparency flattened on white;
 * the raw pixels carry no metadata at all, so no EXIF (GPS), XMP or ICC reaches a stored file.
 */
export async function decodeUpload(bytes: Buffer, standardWidths: readonly number[]): Promise<DecodedUpload> {
  assertUploadSize(bytes)
  const sniffed = sniffImage(bytes)
  if (sniffed.kind === 'unsupported') throw unsupported(sniffed.name)
  if (sniffed.kind === 'unknown') throw notAnImage()
  const { default: sharp } = await import('sharp')
  const open = () => sharp(bytes, { limitInputPixels: UPLOAD_MAX_PIXELS, failOn: 'error' })

  let meta: Metadata
  try {
    meta = await open().metadata()
  } catch (err) {
    throw decodeFailure(err)
  }
  if (!sameFormat(sniffed.format, meta)) {
    throw meta.format === 'heif' && meta.compression === 'hevc' ? unsupported('HEIC') : notAnImage()
  }
  if (!meta.width || !meta.height) throw notAnImage()
  const turned = (meta.orientation ?? 1) >= 5 // EXIF 5–8: stored sideways
  const original = turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height }
  if (original.width < UPLOAD_MIN_SIDE || original.height < UPLOAD_MIN_SIDE) {
    throw new AppError('MEDIA_TOO_SMALL', `Cette image fait ${original.width} × ${original.height} pixels : il en faut au moins ${UPLOAD_MIN_SIDE} × ${UPLOAD_MIN_SIDE}.`)
  }

  const widths = renditionWidths(original.width, standardWidths)
  const largest = Math.max(...widths)
  const aspect = original.height / original.width
  try {
    const out = await open()
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize(largest, Math.max(1, Math.round(largest * aspect)), { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true })
    const base: RawPicture = { data: out.data, width: out.info.width, height: out.info.height, channels: out.info.channels }
    const { dominant } = await sharp(base.data, { raw: { width: base.width, height: base.height, channels: base.channels } }).stats()
    return { format: sniffed.format, base, original, widths, aspect, dominantColor: hex(dominant) }
  } catch (err) {
    throw decodeFailure(err)
  }
}

/** The standard widths narrower than the picture, then the picture's own width up to the largest: never enlarged. */
export function renditionWidths(width: number, standard: readonly number[]): number[] {
  const largest = Math.max(...standard)
  const below = standard.filter((w) => w < Math.min(width, largest))
  return [...below, Math.min(width, largest)].sort((a, b) => a - b)
}

function sameFormat(expected: AcceptedFormat, meta: Metadata): boolean {
  if (expected === 'avif') return meta.format === 'heif' && meta.compression === 'av1'
  return meta.format === expected
}

function decodeFailure(err: unknown): AppError {
  if (err instanceof AppError) return err
  if (err instanceof Error && /pixel limit/i.test(err.message)) {
    return new AppError('MEDIA_TOO_LARGE', `Cette image a trop de pixels : ${UPLOAD_MAX_PIXELS / 1_000_000} mégapixels au plus.`)
  }
  return notAnImage()
}

/** Refuses a file over the byte limit (MEDIA_TOO_LARGE) before any other work. */
export function assertUploadSize(bytes: Buffer): void {
  if (bytes.length > UPLOAD_MAX_BYTES) {
    throw new AppError('MEDIA_TOO_LARGE', `Ce fichier dépasse ${UPLOAD_MAX_BYTES / 1024 / 1024} Mo : réduisez la photo avant de l’envoyer.`)
  }
}

function unsupported(name: string): AppError {
  return new AppError('MEDIA_UNSUPPORTED_FORMAT', `Les images ${name} ne sont pas acceptées : envoyez une photo JPEG, PNG, WebP ou AVIF.`)
}

const hex = (c: { r: number; g: number; b: number }) => `#${[c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('')}`
