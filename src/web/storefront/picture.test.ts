import { test } from 'node:test'
import assert from 'node:assert/strict'
import { h } from 'preact'
import { render } from 'preact-render-to-string'
import { Picture } from './picture.tsx'

const image = { key: 'products/acs-rhum-blanc-50-0123456789', width: 960, height: 1200, widths: [320, 640, 960], alt: 'Rhum blanc « 50 % » & co', dominantColor: '#d98b3a' }

test('a picture offers AVIF then WebP sources for every width, and a sized JPEG img', () => {
  const html = render(h(Picture, { image, sizes: '(min-width: 40em) 33vw, 100vw', loading: 'eager', fetchpriority: 'high', class: 'hero' }))
  const avif = html.indexOf('type="image/avif"')
  const webp = html.indexOf('type="image/webp"')
  assert.ok(avif > 0 && webp > avif, 'AVIF is offered before WebP')
  for (const w of [320, 640, 960]) {
    assert.ok(html.includes(`/media/${image.key}/${w}.avif ${w}w`))
    assert.ok(html.includes(`/media/${image.key}/${w}.webp ${w}w`))
  }
  assert.match(html, /<img src="\/media\/products\/acs-rhum-blanc-50-0123456789\/640\.jpg"/)
  assert.match(html, /width="960"/)
  assert.match(html, /height="1200"/)
  assert.match(html, /alt="Rhum blanc « 50 % » &amp; co"/)
  assert.match(html, /decoding="async"/)
  assert.match(html, /loading="eager"/)
  assert.match(html, /fetchpriority="high"/)
  assert.match(html, /class="hero"/)
})

test('pictures are lazy by default and carry no fetch priority', () => {
  const html = render(h(Picture, { image, sizes: '50vw' }))
  assert.match(html, /loading="lazy"/)
  assert.doesNotMatch(html, /fetchpriority/)
  assert.doesNotMatch(html, /class=/)
})

test('a card can make the picture decorative when the name is printed beside it', () => {
  const html = render(h(Picture, { image, sizes: '50vw', alt: '' }))
  assert.match(html, /<img[^>]* alt(="")? /, "an empty alt (preact writes a bare `alt`, which HTML reads as empty)")
  assert.doesNotMatch(html, /alt="Rhum/)
})
