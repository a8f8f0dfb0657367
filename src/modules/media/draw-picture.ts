import { createHash } from 'node:crypto'

// Pictures drawn with code, so the demo market ships no binary and hot-links nothing.
// A product picture is a silhouette of its packaging (bottle, bag, jar, pods, bouquet, box)
// on a palette of its top category, with the product name and the producer's initials;
// a small hash of the product handle moves the decoration so two rums do not look alike.

export type Silhouette = 'bottle' | 'flask' | 'bag' | 'jar' | 'pods' | 'bouquet' | 'box' | 'pot'

export type Palette = { bg: [string, string]; object: string; accent: string; ink: string }

/** Colours per top category: amber for rum, coffee browns, vanilla cream, flower pinks… */
export const PALETTES: Record<string, Palette> = {
  rum: { bg: ['#f6d9a8', '#d98b3a'], object: '#7a3b12', accent: '#f2b84b', ink: '#3b1a06' },
  spirit: { bg: ['#f7c6b5', '#c4453a'], object: '#7d1f2a', accent: '#ffb36b', ink: '#3d0b12' },
  coffee: { bg: ['#efe1cf', '#a9774f'], object: '#4a2c1a', accent: '#d9a66b', ink: '#2b170b' },
  spice: { bg: ['#fbf0d3', '#d8b36a'], object: '#5b3a1e', accent: '#8a5a2b', ink: '#3a240f' },
  condiment: { bg: ['#ffe0c2', '#e2572b'], object: '#a3201a', accent: '#ffd166', ink: '#4a0d08' },
  flower: { bg: ['#ffd9e4', '#e0457b'], object: '#c2185b', accent: '#2e8b57', ink: '#4a0a24' },
  plant: { bg: ['#dff3e2', '#5aa469'], object: '#1f6b3a', accent: '#c8553d', ink: '#0f3a1e' },
  specialty: { bg: ['#fff1c9', '#f0a830'], object: '#b5541c', accent: '#fff7e6', ink: '#4a2508' },
  gift_box: { bg: ['#d6efe8', '#0b5d4b'], object: '#0b5d4b', accent: '#e9b949', ink: '#05281f' },
}
const DEFAULT_PALETTE: Palette = PALETTES.gift_box!

export function paletteFor(categoryCode: string): Palette {
  return PALETTES[categoryCode.split('/')[0]!] ?? DEFAULT_PALETTE
}

/** Which packaging a category code ('rum/rhum_vieux') is drawn as. */
export function silhouetteFor(categoryCode: string): Silhouette {
  const [top = '', sub = ''] = categoryCode.split('/')
  if (sub === 'mignonnette' || sub === 'sirop' || sub === 'piment') return 'flask'
  if (/coffret|composite/.test(sub) || sub === 'confiserie' || sub === 'pate_de_fruit') return 'box'
  if (sub === 'vanille' || sub === 'vanillon' || sub === 'cannelle') return 'pods'
  if (sub === 'sucre') return 'bag'
  if (top === 'rum' || top === 'spirit') return 'bottle'
  if (top === 'coffee') return 'bag'
  if (top === 'flower') return 'bouquet'
  if (top === 'plant') return 'pot'
  if (top === 'gift_box') return 'box'
  return 'jar'
}

/** XML text escape: names carry quotes, apostrophes and « » (and could carry < or &). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
}

/** "Distillerie Anse-Cascade" → "AC": the capitals of the significant words, at most 2. */
export function initials(name: string): string {
  const small = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'et', "l'", 'd'])
  const words = name.split(/[\s\-']+/).filter((w) => w && !small.has(w.toLowerCase()))
  const caps = words.filter((w) => /^\p{Lu}/u.test(w))
  const pick = (caps.length >= 2 ? caps.slice(-2) : words.slice(0, 2)).map((w) => w[0]!.toUpperCase())
  return pick.join('') || '?'
}

/** Greedy word wrap by an approximate glyph width (DejaVu Sans ≈ 0.56 em). */
export function wrapText(text: string, fontSize: number, maxWidth: number, maxLines: number): string[] {
  const perLine = Math.max(4, Math.floor(maxWidth / (fontSize * 0.56)))
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (next.length <= perLine || !line) line = next
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines)
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, perLine - 1).trimEnd()}…`
    return kept
  }
  return lines.map((l) => (l.length > perLine ? `${l.slice(0, perLine - 1)}…` : l))
}

/** Deterministic small numbers from a key, so a picture is the same on every run. */
function seeded(key: string): (n: number) => number {
  const bytes = createHash('sha256').update(key).digest()
  let i = 0
  return (n) => bytes[i++ % bytes.length]! % n
}

const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

/** The packaging shape, drawn around (cx, cy) in an 800 × 1000 canvas. */
function silhouetteSvg(kind: Silhouette, p: Palette, badge: string, r: (n: number) => number): string {
  const label = (x: number, y: number, w: number, h: number) =>
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="14" fill="${p.accent}"/>` +
    `<text x="${x + w / 2}" y="${y + h / 2 + 22}" font-family="${FONT}" font-size="64" font-weight="bold" text-anchor="middle" fill="${p.ink}">${escapeXml(badge)}</text>`
  const shine = (x: number, y: number, h: number) => `<rect x="${x}" y="${y}" width="18" height="${h}" rx="9" fill="#ffffff" opacity="0.25"/>`
  switch (kind) {
    case 'bottle':
      return `<path d="M370 150h60v120c0 30 90 60 90 140v390c0 25-20 40-45 40H325c-25 0-45-15-45-40V410c0-80 90-110 90-140z" fill="${p.object}"/>` +
        `<rect x="360" y="130" width="80" height="40" rx="8" fill="${p.ink}"/>` + shine(305, 430, 330) + label(300, 520, 200, 150)
    case 'flask':
      return `<path d="M380 300h40v70c0 20 70 40 70 100v290c0 20-15 30-35 30H345c-20 0-35-10-35-30V470c0-60 70-80 70-100z" fill="${p.object}"/>` +
        `<rect x="372" y="280" width="56" height="36" rx="6" fill="${p.ink}"/>` + shine(330, 490, 250) + label(325, 560, 150, 120)
    case 'bag':
      return `<path d="M250 260h300l30 560c2 25-15 40-40 40H260c-25 0-42-15-40-40z" fill="${p.object}"/>` +
        `<path d="M250 260l30-40h240l30 40z" fill="${p.ink}"/>` +
        `<path d="M300 300h200" stroke="${p.accent}" stroke-width="6" stroke-dasharray="14 10"/>` + label(290, 480, 220, 170)
    case 'jar':
      return `<rect x="285" y="290" width="230" height="60" rx="12" fill="${p.ink}"/>` +
        `<path d="M270 350h260c20 0 35 15 35 35v400c0 30-25 55-55 55H290c-30 0-55-25-55-55V385c0-20 15-35 35-35z" fill="${p.object}"/>` +
        shine(265, 400, 360) + label(290, 500, 220, 170)
    case 'pods': {
      const pods = [0, 1, 2, 3, 4].map((i) => {
        const x = 250 + i * 75 + r(20)
        return `<path d="M${x} 230c${30 + r(10)} 160 ${20 + r(20)} 420 ${-10 + r(20)} 600" stroke="${p.object}" stroke-width="${26 + r(10)}" stroke-linecap="round" fill="none"/>`
      })
      return pods.join('') + `<rect x="230" y="470" width="340" height="70" rx="12" fill="${p.ink}" opacity="0.85"/>` + label(310, 430, 180, 150)
    }
    case 'bouquet': {
      const blooms = Array.from({ length: 7 }, (_, i) => {
        const a = (-150 + i * 20 + r(10)) * (Math.PI / 180)
        const x = 400 + Math.cos(a) * (170 + r(60))
        const y = 420 + Math.sin(a) * (170 + r(60))
        return `<line x1="400" y1="700" x2="${x.toFixed(0)}" y2="${y.toFixed(0)}" stroke="${p.accent}" stroke-width="12"/>` +
          `<path d="M${x.toFixed(0)} ${(y - 55).toFixed(0)}c45 20 45 90 0 110c-45-20-45-90 0-110z" fill="${p.object}" transform="rotate(${i * 25 - 75} ${x.toFixed(0)} ${y.toFixed(0)})"/>`
      })
      return blooms.join('') + `<path d="M320 640h160l-40 230h-80z" fill="${p.ink}"/>` + label(330, 700, 140, 110)
    }
    case 'pot':
      return `<path d="M400 640c-120-60-160-220-90-330c40 80 70 180 90 330zM400 640c120-60 160-220 90-330c-40 80-70 180-90 330zM400 640c-10-140 0-260 0-380c20 120 20 240 0 380z" fill="${p.object}"/>` +
        `<path d="M270 620h260l-40 240H310z" fill="${p.accent}"/>` + label(320, 680, 160, 120)
    case 'box':
      return `<path d="M210 400l190-90 190 90v380l-190 90-190-90z" fill="${p.object}"/>` +
        `<path d="M210 400l190 90 190-90" fill="none" stroke="${p.ink}" stroke-width="8"/><path d="M400 490v380" stroke="${p.ink}" stroke-width="8"/>` +
        `<path d="M300 355l190 90v70" stroke="${p.accent}" stroke-width="26" fill="none"/>` + label(250, 560, 130, 110)
  }
}

export type ProductPictureInput = { handle: string; name: string; categoryCode: string; producerName: string }

/** A product picture, 4:5 (800 × 1000 units; rasterised at any width). */
export function drawProductSvg(input: ProductPictureInput): string {
  const p = paletteFor(input.categoryCode)
  const r = seeded(input.handle)
  const sunX = 120 + r(560)
  const sunY = 110 + r(200)
  const lines = wrapText(input.name, 46, 700, 3)
  const textTop = 1000 - 40 - lines.length * 54
  const text = lines
    .map((l, i) => `<text x="400" y="${textTop + 40 + i * 54}" font-family="${FONT}" font-size="46" font-weight="bold" text-anchor="middle" fill="#ffffff">${escapeXml(l)}</text>`)
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 1000" width="800" height="1000">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="${r(2)}" y2="1"><stop offset="0" stop-color="${p.bg[0]}"/><stop offset="1" stop-color="${p.bg[1]}"/></linearGradient></defs>` +
    `<rect width="800" height="1000" fill="url(#g)"/>` +
    `<circle cx="${sunX}" cy="${sunY}" r="${90 + r(80)}" fill="${p.accent}" opacity="0.45"/>` +
    `<path d="M0 ${800 + r(60)} C200 ${740 + r(60)} 500 ${860 + r(60)} 800 ${780 + r(60)} V1000H0z" fill="${p.ink}" opacity="0.18"/>` +
    silhouetteSvg(silhouetteFor(input.categoryCode), p, initials(input.producerName), r) +
    `<rect x="0" y="${textTop - 10}" width="800" height="${1000 - textTop + 10}" fill="${p.ink}" opacity="0.72"/>` + text +
    `</svg>`
}

export type ProducerPictureInput = { slug: string; name: string; commune: string | null; categoryCode: string }

/** A producer picture, 3:2 (900 × 600 units): a hilly island landscape, initials, name and commune. */
export function drawProducerSvg(input: ProducerPictureInput): string {
  const p = paletteFor(input.categoryCode)
  const r = seeded(input.slug)
  const peak = 250 + r(400)
  const lines = wrapText(input.name, 44, 820, 2)
  const text = lines
    .map((l, i) => `<text x="450" y="${470 + i * 50}" font-family="${FONT}" font-size="44" font-weight="bold" text-anchor="middle" fill="#ffffff">${escapeXml(l)}</text>`)
    .join('')
  const commune = input.commune
    ? `<text x="450" y="${470 + lines.length * 50 + 20}" font-family="${FONT}" font-size="30" text-anchor="middle" fill="#ffffff" opacity="0.9">${escapeXml(input.commune)}</text>`
    : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 900 600" width="900" height="600">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.bg[0]}"/><stop offset="1" stop-color="${p.bg[1]}"/></linearGradient></defs>` +
    `<rect width="900" height="600" fill="url(#g)"/>` +
    `<circle cx="${100 + r(700)}" cy="${80 + r(60)}" r="${50 + r(30)}" fill="${p.accent}" opacity="0.7"/>` +
    `<path d="M0 380 L${peak - 220} 300 L${peak} ${150 + r(60)} L${peak + 200} 290 L900 ${330 + r(40)} V600H0z" fill="${p.object}" opacity="0.85"/>` +
    `<path d="M0 430 C250 ${380 + r(40)} 600 ${460 + r(30)} 900 400 V600H0z" fill="${p.ink}" opacity="0.75"/>` +
    `<circle cx="450" cy="270" r="95" fill="${p.accent}" stroke="#ffffff" stroke-width="8"/>` +
    `<text x="450" y="300" font-family="${FONT}" font-size="84" font-weight="bold" text-anchor="middle" fill="${p.ink}">${escapeXml(initials(input.name))}</text>` +
    text + commune + `</svg>`
}
