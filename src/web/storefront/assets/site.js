// Lakou storefront: progressive enhancement only. Pages work fully without this file.
// 1. search autocomplete (ARIA 1.2 combobox + listbox), 2. the 18+ confirmation.

const KIND = { fr: { product: 'produit', category: 'rayon', producer: 'producteur' }, en: { product: 'product', category: 'department', producer: 'producer' } }

function autocomplete(input) {
  const form = input.form
  const lang = document.documentElement.lang === 'en' ? 'en' : 'fr'
  const list = document.createElement('ul')
  list.id = `${input.id}-listbox`
  list.className = 'ac-list'
  list.setAttribute('role', 'listbox')
  list.setAttribute('aria-label', input.labels?.[0]?.textContent || 'Suggestions')
  list.hidden = true
  form.appendChild(list)
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  input.setAttribute('aria-controls', list.id)
  let items = []
  let active = -1
  let timer = 0
  let seq = 0

  const close = () => {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }
  const highlight = (i) => {
    active = i
    for (const [j, li] of [...list.children].entries()) li.setAttribute('aria-selected', String(j === i))
    if (i >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${i}`)
    else input.removeAttribute('aria-activedescendant')
  }
  const render = () => {
    list.replaceChildren(
      ...items.map((s, i) => {
        const li = document.createElement('li')
        li.id = `${list.id}-${i}`
        li.setAttribute('role', 'option')
        li.setAttribute('aria-selected', 'false')
        li.textContent = s.label
        const kind = document.createElement('span')
        kind.className = 'ac-kind'
        kind.textContent = KIND[lang][s.kind] || ''
        li.appendChild(kind)
        li.addEventListener('mousedown', (e) => {
          e.preventDefault()
          go(i)
        })
        return li
      }),
    )
    if (items.length) {
      list.hidden = false
      input.setAttribute('aria-expanded', 'true')
    } else close()
  }
  const go = (i) => {
    const s = items[i]
    if (s && typeof s.path === 'string' && s.path.startsWith('/') && !s.path.startsWith('//')) location.assign(s.path)
  }
  const fetchSuggestions = async () => {
    const q = input.value.trim()
    const mine = ++seq
    if (q.length < 2) {
      items = []
      return render()
    }
    try {
      const res = await fetch(`${input.dataset.autocomplete}&q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } })
      if (!res.ok || mine !== seq) return
      const body = await res.json()
      items = (Array.isArray(body) ? body : body.suggestions || []).slice(0, 10)
      highlight(-1)
      render()
    } catch {
      /* offline or aborted: the plain search form still works */
    }
  }
  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(fetchSuggestions, 150)
  })
  input.addEventListener('keydown', (e) => {
    if (list.hidden && e.key !== 'ArrowDown') return
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      if (list.hidden && items.length) render()
      highlight(Math.min(active + 1, items.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      highlight(Math.max(active - 1, -1))
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault()
      go(active)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      close()
    }
  })
  input.addEventListener('blur', () => setTimeout(close, 100))
}

// The 18+ confirmation: a non-modal dialog over the bottom of the page. The page content stays
// in the HTML and usable (search engines, no-JS visitors see the static notice); the answer is
// remembered for a year in a first-party cookie.
function ageGate(dialog) {
  if (/(?:^|;\s*)lakou_age=1/.test(document.cookie)) return
  if (typeof dialog.show !== 'function') return
  dialog.show()
  const confirm = dialog.querySelector('[data-age-confirm]')
  confirm?.focus()
  confirm?.addEventListener('click', () => {
    document.cookie = 'lakou_age=1; path=/; max-age=31536000; samesite=lax'
    dialog.close()
  })
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') e.preventDefault()
  })
}

for (const input of document.querySelectorAll('input[data-autocomplete]')) autocomplete(input)
const gate = document.querySelector('dialog[data-age-gate]')
if (gate) ageGate(gate)
