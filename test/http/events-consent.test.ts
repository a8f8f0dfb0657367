import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { Browser, textOf } from './account-helpers.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'

const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t?.close())

const sendEvent = (b: Browser, sid: string) =>
  t.app.inject({
    method: 'POST', url: '/api/events', remoteAddress: b.ip,
    headers: { 'user-agent': UA, 'content-type': 'text/plain', cookie: b.cookieHeader },
    payload: JSON.stringify({ sid, events: [{ t: 'page_view', path: '/fr/' }] }),
  })
const visitorOf = async (sid: string) => {
  await t.app.eventQueue.flush()
  return (await sql<{ visitor_id: string; consent: boolean }>`SELECT visitor_id, consent FROM events WHERE session_id = ${sid}`.execute(t.database.db)).rows[0]
}

test('every page carries the hidden banner with two equal choices, the script, the page type and the footer link', async () => {
  const b = new Browser(t.app)
  const home = await b.get('/fr/')
  assert.equal(home.statusCode, 200)
  const banner = /<dialog[^>]*data-consent-banner[^>]*>[\s\S]*?<\/dialog>/.exec(home.body)?.[0]
  assert.ok(banner, 'the banner is in the page')
  assert.doesNotMatch(banner.slice(0, banner.indexOf('>')), /\sopen/, 'closed until the script finds no stored choice (nothing is measured without it)')
  const buttons = [...banner.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)]
  assert.deepEqual(buttons.map((m) => m[2]), ['Tout refuser', 'Tout accepter'])
  assert.equal(buttons[0]![1]!.replace(/value="\w+"/, ''), buttons[1]![1]!.replace(/value="\w+"/, ''), '"Tout refuser" is the same kind of button as "Tout accepter"')
  assert.doesNotMatch(banner, /type="checkbox"|checked/, 'nothing pre-ticked')
  assert.match(home.body, /<body data-page-type="home">/)
  assert.match(home.body, /<script type="module" src="\/assets\/events\.js\?v=[0-9a-f]+" id="lakou-events" data-vitals="\/analytics\/web-vitals\.js"><\/script>/)
  assert.match(home.body, /<a href="\/fr\/cookies" data-consent-open(="")?>Gérer les cookies<\/a>/)
  const en = await b.get('/en/')
  assert.match(en.body, /Refuse all[\s\S]*Accept all/)
  assert.match(en.body, /Manage cookies/)
  const product = await b.get('/fr/search?q=rhum')
  assert.match(product.body, /data-page-type="search"/)
})

test('accepting sets a random visitor id for 13 months; refusing deletes it; events follow the choice', async () => {
  const b = new Browser(t.app, '198.51.100.23')
  await b.get('/fr/c/rhums')
  const yes = await b.post('/consent', { choice: 'granted', back: '/fr/c/rhums' })
  assert.equal(yes.statusCode, 303)
  assert.equal(yes.headers.location, '/fr/c/rhums')
  const vid = b.cookies.get('lakou_vid')
  assert.match(vid ?? '', /^v_[A-Za-z0-9_-]{22}$/)
  const setVid = (yes.cookies as { name: string; maxAge?: number; httpOnly?: boolean }[]).find((c) => c.name === 'lakou_vid')!
  assert.equal(setVid.maxAge, 395 * 24 * 3600, 'at most 13 months')
  assert.equal(setVid.httpOnly, true)
  const setConsent = (yes.cookies as { name: string; maxAge?: number }[]).find((c) => c.name === 'lakou_consent')!
  assert.equal(setConsent.maxAge, 182 * 24 * 3600, 'asked again after 6 months')
  await sendEvent(b, 's_consentgranted01')
  assert.deepEqual(await visitorOf('s_consentgranted01'), { visitor_id: vid, consent: true })

  const page = await b.get('/fr/cookies')
  assert.match(textOf(page.body), /Votre choix actuel : accepté/)
  const no = await b.post('/consent', { choice: 'denied', back: '/fr/cookies?saved=1' })
  assert.equal(no.headers.location, '/fr/cookies?saved=1')
  assert.equal(b.cookies.has('lakou_vid'), false, 'withdrawing deletes the visitor id')
  await sendEvent(b, 's_consentdenied001')
  const after = await visitorOf('s_consentdenied001')
  assert.equal(after?.consent, false)
  assert.match(after?.visitor_id ?? '', /^d_/)
  assert.match(textOf((await b.get('/fr/cookies?saved=1')).body), /Votre choix est enregistré.*Votre choix actuel : refusé/)
})

test('a visitor id without consent is ignored; a forged consent cookie too', async () => {
  const b = new Browser(t.app, '198.51.100.24')
  b.cookies.set('lakou_vid', 'v_AAAAAAAAAAAAAAAAAAAAAA')
  await sendEvent(b, 's_noconsent0000001')
  assert.equal((await visitorOf('s_noconsent0000001'))?.consent, false)
  b.cookies.set('lakou_consent', 'granted.1999-01-01')
  await sendEvent(b, 's_noconsent0000002')
  assert.equal((await visitorOf('s_noconsent0000002'))?.consent, false, 'a choice older than 6 months no longer counts')
})

test('the consent form refuses a missing CSRF token, an unknown choice and a foreign return address', async () => {
  const b = new Browser(t.app, '198.51.100.25')
  await b.get('/fr/')
  assert.equal((await b.post('/consent', { choice: 'granted' }, null)).statusCode, 403)
  assert.equal(b.cookies.has('lakou_consent'), false)
  assert.equal((await b.post('/consent', { choice: 'maybe' })).statusCode, 400)
  assert.equal(b.cookies.has('lakou_consent'), false)
  const away = await b.post('/consent', { choice: 'denied', back: '//evil.example/fr/' })
  assert.equal(away.statusCode, 303)
  assert.equal(away.headers.location, '/fr/cookies')
})

test('the cookies page works without JavaScript and is never cached; the web-vitals module is served from our origin', async () => {
  const b = new Browser(t.app, '198.51.100.26')
  const page = await b.get('/en/cookies')
  assert.equal(page.statusCode, 200)
  assert.match(String(page.headers['cache-control']), /no-store/)
  assert.match(textOf(page.body), /You have not made a choice yet/)
  assert.match(page.body, /<form method="post" action="\/consent"/)
  const vitals = await t.app.inject({ method: 'GET', url: '/analytics/web-vitals.js' })
  assert.equal(vitals.statusCode, 200)
  assert.match(String(vitals.headers['content-type']), /javascript/)
  assert.match(vitals.body, /onLCP/)
})
