import zlib from 'node:zlib'
import sharp from 'sharp'

// Picture files for upload tests, made in memory by sharp: the repository ships no binary.

/** A photo-like picture (noise, so encoders cannot shrink it to nothing) of the given size. */
export function photo(width: number, height: number): sharp.Sharp {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
}

export const png = (w = 600, h = 400) => photo(w, h).png().toBuffer()
export const jpeg = (w = 600, h = 400) => photo(w, h).jpeg().toBuffer()
export const webp = (w = 600, h = 400) => photo(w, h).webp().toBuffer()
export const avif = (w = 600, h = 400) => photo(w, h).avif({ effort: 0 }).toBuffer()
export const gif = (w = 300, h = 300) => photo(w, h).gif().toBuffer()
export const heic = () => photo(300, 300).heif({ compression: 'hevc' }).toBuffer().catch(() => null) // prebuilt sharp has no HEVC encoder
export const tiff = (w = 300, h = 300) => photo(w, h).tiff().toBuffer()

/** A text marker hidden in the EXIF and GPS tags, to look for in stored files. */
export const SECRET = 'LAKOU-SECRET-PLACE'

/**
 * A 1200 × 800 JPEG stored sideways (EXIF orientation 6: shown turned 90° clockwise) whose
 * top-left quarter is red and the rest blue, with a camera make and GPS position in its EXIF
 * and a Display P3 colour profile: once upright, the red quarter is top-right.
 */
export function sidewaysJpegWithGps(): Promise<Buffer> {
  const red = { create: { width: 600, height: 400, channels: 3 as const, background: '#ff0000' } }
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#0000ff' } })
    .composite([{ input: red, left: 0, top: 0 }])
    .jpeg()
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'LakouCam', Copyright: SECRET },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '16/1 15/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '61/1 32/1 0/1', GPSMapDatum: SECRET },
    })
    .toBuffer()
}

/**
 * A small real PNG whose header claims `width` × `height` pixels (CRC fixed): a decompression
 * bomb as a decoder sees it before reading any pixel.
 */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const b = Buffer.from(await photo(300, 300).png().toBuffer())
  b.writeUInt32BE(width, 16)
  b.writeUInt32BE(height, 20)
  b.writeUInt32BE(zlib.crc32(b.subarray(12, 29)), 29) // IHDR: type + 13 data bytes
  return b
}

/** An SVG that would run a script if a browser ever opened it from our origin. */
export const svgWithScript = () =>
  Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800"><script>alert(document.cookie)</script><rect width="800" height="800" fill="red"/></svg>')

/** A JPEG cut short: its start is valid, the rest of the scan is missing. */
export const truncatedJpeg = async () => {
  const full = await jpeg(800, 600)
  return full.subarray(0, Math.floor(full.length * 0.6))
}

/** A "polyglot": a JPEG signature followed by HTML, which no JPEG decoder can read. */
export const fakeJpegWithHtml = () => Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.from('<html><script>alert(1)</script></html>'.repeat(20))])

/** A PDF document, whatever its name says. */
export const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
