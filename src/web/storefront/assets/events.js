// Lakou audience measurement: first party only, no third-party script. Events wait in memory and
// leave in batches with navigator.sendBeacon (never delaying the page) to /api/events, where the
// server decides what may be kept (consent, pseudonym, host-only referrer). Also shows the consent
// banner when no choice is stored. Web vitals come from the `web-vitals` module, loaded after `load`.

const body = document.body
const pt = body.dataset.pageType || 'other'
const loc = document.documentElement.lang === 'en' ? 'en' : 'fr'
const robot = navigator.webdriver === true || /HeadlessChrome|bot|crawl|spider|Lighthouse/i.test(navigator.userAgent)
const queue = []
let timer = 0

function cookie(name) {
  const m = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(document.cookie)
  return m ? m[1] : null
}

// The visit: a first-party cookie that ends after 30 minutes without an event.
function sessionId() {
  let sid = cookie('lakou_sid')
  if (!sid || !/^s_[A-Za-z0-9_-]{10,40}$/.test(sid)) {
    sid = `s_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(12)))).replace(/\+/g, '-').replace(/\//g, '_')}`
  }
  document.cookie = `lakou_sid=${sid}; Max-Age=1800; Path=/; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`
  return sid
}

function track(t, data) {
  if (robot) return
  queue.push({ t, path: location.pathname.slice(0, 300), pt, loc, at: Date.now(), ...data })
  if (queue.length >= 20) flush()
  else if (!timer) timer = setTimeout(flush, 2000)
}

function send(events) {
  const json = JSON.stringify({ sid: sessionId(), events })
  if (json.length > 8000 && events.length > 1) {
    const half = Math.ceil(events.length / 2)
    send(events.slice(0, half))
    send(events.slice(half))
    return
  }
  if (!(navigator.sendBeacon && navigator.sendBeacon('/api/events', json))) {
    fetch('/api/events', { method: 'POST', body: json, keepalive: true, headers: { 'content-type': 'text/plain' } }).catch(() => {})
  }
}

function flush() {
  clearTimeout(timer)
  timer = 0
  const now = Date.now()
  while (queue.length) send(queue.splice(0, 20).map(({ at, ...e }) => ({ ...e, ago: Math.min(1800000, Math.max(0, now - at)) })))
}
addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush())
addEventListener('pagehide', flush)

// The kind of page the visitor came from on this site (listing → product click-through). Our pages
// send no referrer (Referrer-Policy: no-referrer), so the tab remembers the last page type.
let previousType
try {
  previousType = sessionStorage.getItem('lakou_pt') || undefined
  sessionStorage.setItem('lakou_pt', pt)
} catch {
  /* storage refused: no click-through for this visit */
}

const params = new URLSearchParams(location.search)
const utm = {}
for (const k of ['source', 'medium', 'campaign', 'content', 'term']) if (params.get(`utm_${k}`)) utm[k] = params.get(`utm_${k}`).slice(0, 100)
const ref = document.referrer && !document.referrer.startsWith(`${location.origin}/`) ? document.referrer.slice(0, 500) : ''
track('page_view', { ...(ref ? { ref } : {}), ...(Object.keys(utm).length ? { utm } : {}) })

if (pt === 'product') {
  let sku = ''
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const d = JSON.parse(s.textContent)
      if (d['@type'] === 'Product' && d.sku) sku = String(d.sku)
    } catch {
      /* not ours to judge */
    }
  }
  track('product_view', { product: (sku || location.pathname.split('/').pop()).slice(0, 64), ...(previousType ? { from: previousType } : {}) })
}

const count = document.getElementById('results-count')
if (pt === 'search' && params.get('q') && count && (params.get('page') ?? '1') === '1') {
  track('search', { q: params.get('q').slice(0, 100), n: Number((/\d[\d\s.,\u00a0\u202f]*/.exec(count.textContent) ?? ['0'])[0].replace(/\D/g, '')) })
}

const step = { cart: 'cart', checkout_address: 'address', checkout_shipping: 'shipping', checkout_payment: 'payment' }[pt]
if (step) track('checkout_step', { step })
const order = /ord_[0-9A-Z]{26}/.exec(location.pathname)
if (pt === 'confirmation' && order) track('order', { order: order[0] })

for (const el of document.querySelectorAll('[data-experiment][data-variant]')) track('experiment_exposure', { exp: el.dataset.experiment, variant: el.dataset.variant })
// the page's own events leave now: a beacon sent while the page unloads may be lost
flush()

// capture: before cart.js may submit the form itself
document.addEventListener('submit', (event) => {
  const form = event.target
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-add-to-cart')) return
  const product = form.elements.namedItem('variantId')?.value || form.elements.namedItem('product')?.value
  track('add_to_cart', product ? { product: String(product).slice(0, 64) } : {})
  flush()
}, true)

// Consent: the banner until a choice is stored (the cookie expires after 6 months: asked again).
const banner = document.getElementById('consent-banner')
// a non-modal dialog opened by its attribute, not show(): show() would move the focus into it (and
// force a layout of the whole page while it loads); the page stays usable and the focus moves to the
// banner only when the visitor asks for it (link "Gérer les cookies")
const openBanner = () => banner.setAttribute('open', '')
if (banner && pt !== 'cookies' && !robot && !/^(granted|denied)\./.test(cookie('lakou_consent') || '')) {
  // the 18+ question (site.js, run before this file) comes first: it sits at the same place
  const gate = document.querySelector('dialog[data-age-gate]')
  if (gate && gate.open) gate.addEventListener('close', openBanner, { once: true })
  else openBanner()
}
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('[data-consent-open]') : null
  if (!link || !banner || pt === 'cookies') return
  event.preventDefault()
  openBanner()
  banner.focus()
})

const vitals = document.getElementById('lakou-events')?.dataset.vitals
addEventListener('load', () => {
  if (!vitals || robot) return
  import(vitals).then(({ onLCP, onINP, onCLS }) => {
    const report = (m) => track('web_vital', { metric: m.name, value: m.name === 'CLS' ? Math.round(m.value * 10000) / 10000 : Math.round(m.value) })
    onLCP(report)
    onINP(report)
    onCLS(report)
  }).catch(() => {})
})
