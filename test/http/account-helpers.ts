import assert from 'node:assert/strict'
import type { App } from '../../src/http/app.ts'

type Res = Awaited<ReturnType<App['inject']>>

/**
 * A browser for app.inject: keeps cookies (Set-Cookie, expiry and deletion included), posts
 * forms url-encoded with the CSRF token of the last page it loaded, and follows nothing by
 * itself (tests look at every redirect).
 */
export class Browser {
  readonly cookies = new Map<string, string>()
  lastPage = ''
  constructor(readonly app: App, readonly ip = '127.0.0.1') {}

  private keep(res: Res): Res {
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now())
      if (gone) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) this.lastPage = res.body
    return res
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Res> {
    return this.keep(await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { cookie: this.cookieHeader, ...headers } }))
  }

  /** The `_csrf` value of the last page loaded (the first form's). */
  get csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.lastPage)
    assert.ok(m, 'the page has a CSRF field')
    return m[1]!
  }

  /** Posts a form; `_csrf` comes from the last page unless given (null: sent without it). */
  async post(url: string, form: Record<string, string>, csrf: string | null | undefined = undefined): Promise<Res> {
    const fields = { ...form, ...(csrf === null ? {} : { _csrf: csrf ?? this.csrf }) }
    return this.keep(await this.app.inject({
      method: 'POST', url, remoteAddress: this.ip, payload: new URLSearchParams(fields).toString(),
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    }))
  }

  /** Loads the form page, then posts it. */
  async submit(pageUrl: string, form: Record<string, string>, action = pageUrl.split('?')[0]!): Promise<Res> {
    const page = await this.get(pageUrl)
    assert.equal(page.statusCode, 200, `${pageUrl} answers ${page.statusCode}`)
    return this.post(action, form)
  }
}

export const PASSWORD = 'flamboyant au vent 971'

/** Signs up a new customer in this browser (fr pages) and checks it landed on the account. */
export async function signUpAs(b: Browser, email: string, firstName = 'Léa'): Promise<void> {
  const res = await b.submit('/fr/compte/inscription', { email, password: PASSWORD, firstName, lastName: 'Martin', birthDate: '1990-05-14' })
  assert.equal(res.statusCode, 303, res.body.slice(0, 300))
  assert.ok(b.cookies.has('lakou_session'))
}

/** The text of an HTML page without tags (for "the page says …" checks). */
export const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')
