/** The formats an upload may be in. */
export type AcceptedFormat = 'jpeg' | 'png' | 'webp' | 'avif'

export type Sniffed =
  | { kind: 'accepted'; format: AcceptedFormat }
  /** a picture format we do not take, named for the error message */
  | { kind: 'unsupported'; name: string }
  | { kind: 'unknown' }

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1')
const startsWith = (bytes: Buffer, hex: string) => bytes.subarray(0, hex.length / 2).equals(Buffer.from(hex, 'hex'))

// ISO-BMFF brands (the `ftyp` box): AVIF is AV1 in HEIF; the others are HEVC (HEIC) or generic.
const AVIF_BRANDS = new Set(['avif', 'avis'])
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'])

/**
 * What the first bytes of a file say it is, by its signature (never its name or MIME type).
 * This only picks which decoder may look at it: an accepted format is then fully decoded by
 * sharp, and a file in any other format never reaches a decoder (SVG never reaches librsvg).
 */
export function sniffImage(bytes: Buffer): Sniffed {
  if (startsWith(bytes, 'ffd8ff')) return { kind: 'accepted', format: 'jpeg' }
  if (startsWith(bytes, '89504e470d0a1a0a')) return { kind: 'accepted', format: 'png' }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'accepted', format: 'webp' }
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 4096)
    const brands = [ascii(bytes, 8, 12)]
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4))
    if (brands.some((b) => AVIF_BRANDS.has(b))) return { kind: 'accepted', format: 'avif' }
    if (brands.some((b) => HEIF_BRANDS.has(b))) return { kind: 'unsupported', name: 'HEIC' }
    if (brands.includes('jp2 ')) return { kind: 'unsupported', name: 'JPEG 2000' }
    return { kind: 'unknown' } // MP4, MOV and other ISO media files
  }
  const head = ascii(bytes, 0, 12)
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return { kind: 'unsupported', name: 'GIF' }
  if (startsWith(bytes, '49492a00') || startsWith(bytes, '4d4d002a')) return { kind: 'unsupported', name: 'TIFF' }
  if (head.startsWith('BM') && bytes.length > 18 && [12, 40, 52, 56, 108, 124].includes(bytes.readUInt32LE(14))) return { kind: 'unsupported', name: 'BMP' }
  if (startsWith(bytes, '00000100')) return { kind: 'unsupported', name: 'ICO' }
  if (startsWith(bytes, 'ff0a') || startsWith(bytes, '0000000c4a584c20')) return { kind: 'unsupported', name: 'JPEG XL' }
  if (startsWith(bytes, '0000000c6a502020')) return { kind: 'unsupported', name: 'JPEG 2000' }
  if (looksLikeSvg(bytes)) return { kind: 'unsupported', name: 'SVG' }
  return { kind: 'unknown' }
}

/** XML text (after a BOM and blanks) holding an `<svg` element near its start. */
function looksLikeSvg(bytes: Buffer): boolean {
  const text = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart()
  return text.startsWith('<') && /<svg[\s>]/i.test(text)
}
