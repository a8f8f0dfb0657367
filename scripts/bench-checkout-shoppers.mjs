// Virtual shoppers for scripts/bench-checkout.ts, in a worker thread: each loops over complete
// checkouts through the Store API and records the latency of every step.
import { parentPort, workerData } from 'node:worker_threads'
import { randomUUID } from 'node:crypto'

const { urls, variants, shoppers, seconds, warmup } = workerData
const STEPS = ['cart', 'add line', 'address', 'shipping', 'order + payment']
const lat = Object.fromEntries(STEPS.map((s) => [s, []]))
const errorSamples = []
let errors = 0
let checkouts = 0
let measuring = false
const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', holderName: 'Bench Shopper' }
const address = { name: 'Bench Shopper', line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' }

async function step(name, fn) {
  const t0 = performance.now()
  const res = await fn()
  const body = await res.json()
  if (measuring) lat[name].push(performance.now() - t0)
  if (res.status >= 300) throw new Error(`${name}: ${res.status} ${body?.error?.code ?? ''}`)
  return body
}

async function checkout(base, n) {
  const json = (method, url, token, payload) =>
    fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json', ...(token ? { 'x-cart-token': token } : {}) }, body: payload === undefined ? undefined : JSON.stringify(payload) })
  const cart = await step('cart', () => json('POST', '/api/store/carts', null, { market: 'FR-MAINLAND' }))
  const id = cart.quote.cartId
  const token = cart.token
  await step('add line', () => json('POST', `/api/store/carts/${id}/lines`, token, { variantId: variants[n % variants.length], quantity: 1 + (n % 3) }))
  const withAddress = await step('address', () => json('PATCH', `/api/store/carts/${id}/checkout`, token, { email: `bench${n}@example.com`, shipTo: address }))
  const option = withAddress.quote.shippingOptions[0]
  if (!option) throw new Error(`no shipping option: ${JSON.stringify(withAddress.quote.problems)}`)
  await step('shipping', () => json('PATCH', `/api/store/carts/${id}/checkout`, token, { shippingMethodCode: option.methodCode }))
  const order = await step('order + payment', () => json('POST', `/api/store/carts/${id}/order`, token, { idempotencyKey: randomUUID(), paymentMethod: 'card', card, acceptTerms: true }))
  if (order.status !== 'paid') throw new Error(`order ended ${order.status}`)
}

let counter = 0
const stopAt = performance.now() + (warmup + seconds) * 1000
setTimeout(() => (measuring = true), warmup * 1000)
let measuredFrom = 0
setTimeout(() => (measuredFrom = performance.now()), warmup * 1000)
await Promise.all(
  Array.from({ length: shoppers }, async (_, i) => {
    while (performance.now() < stopAt) {
      const n = counter++
      try {
        await checkout(urls[i % urls.length], n)
        if (measuring) checkouts++
      } catch (err) {
        if (measuring) {
          errors++
          if (errorSamples.length < 5) errorSamples.push(String(err.message ?? err))
        }
      }
    }
  }),
)
const q = (xs, p) => (xs.length ? Math.round(xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]) : 0)
parentPort.postMessage({
  checkouts,
  errors,
  errorSamples,
  seconds: (performance.now() - measuredFrom) / 1000,
  steps: Object.fromEntries(STEPS.map((s) => [s, { count: lat[s].length, p50: q(lat[s], 0.5), p99: q(lat[s], 0.99), max: Math.round(Math.max(0, ...lat[s])) }])),
})
