// Lakou cart: progressive enhancement only; every form works without this file.
// 1. The header shows the cart's unit count from the readable `lakou_cart_units` cookie
//    (catalogue pages are shared by the page cache, so the server cannot write it there).
// 2. "Add to cart" forms post with fetch and update the count without leaving the page;
//    on any refusal the form is submitted normally and the server's page explains why.

const en = document.documentElement.lang === 'en'

function cookieUnits() {
  const m = /(?:^|;\s*)lakou_cart_units=(\d{1,4})/.exec(document.cookie)
  return m ? Number(m[1]) : 0
}

function showCount(n) {
  const words = n === 0 ? '' : en ? `${n} item${n > 1 ? 's' : ''}` : `${n} article${n > 1 ? 's' : ''}`
  for (const el of document.querySelectorAll('[data-cart-count]')) el.textContent = n ? `(${n})` : ''
  for (const el of document.querySelectorAll('[data-cart-count-text]')) el.textContent = words
}

showCount(cookieUnits())

document.addEventListener('submit', async (event) => {
  const form = event.target
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-add-to-cart') || form.dataset.busy) return
  event.preventDefault()
  const status = form.querySelector('[data-cart-status]')
  const button = form.querySelector('button[type=submit]')
  form.dataset.busy = '1'
  if (button) button.disabled = true
  try {
    const res = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { accept: 'application/json' }, credentials: 'same-origin' })
    const body = await res.json().catch(() => null)
    if (!res.ok || !body || body.ok !== true) throw new Error('refused')
    showCount(Number(body.units) || 0)
    if (status) status.textContent = String(body.message || '')
  } catch {
    form.submit() // the full page answer, with the reason (quantity, stock, expired form…)
  } finally {
    delete form.dataset.busy
    if (button) button.disabled = false
  }
})
