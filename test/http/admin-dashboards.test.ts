import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import { generateEventStream, insertEventStream, type StreamOptions } from '../../src/cli/generate-events.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { dayIn } from '../../src/kernel/dates.ts'
import { rollUpEvents, type EventRow } from '../../src/modules/analytics/index.ts'
import { shopTimeZone } from '../../src/modules/invoicing/index.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { textOf, type Browser } from './account-helpers.ts'

// The dashboards read the roll-up of a generated event stream; every figure checked here is
// recounted from that raw stream, independently of the roll-up and of computeKpis.

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const END = new Date().toISOString().slice(0, 10)
const STREAM: StreamOptions = { days: 9, sessionsPerDay: 45, endDay: END, seed: 20261130 }
const FROM = addDays(END, -6)
const RANGE = `du=${FROM}&au=${END}`

let t: TestApp
let analyst: Browser
let sessions: Map<string, EventRow[]>
let timeZone: string
before(async () => {
  t = await testApp()
  timeZone = await shopTimeZone(systemCtx(t.database.db, 'test'))
  await insertEventStream(t.database.db, { ...STREAM, batch: 2000 })
  await rollUpEvents(systemCtx(t.database.db, 'test'), { lagSeconds: 0, maxBatches: 10_000 })
  sessions = new Map()
  for (const { rows } of generateEventStream(STREAM)) for (const r of rows) sessions.set(r.session_id, [...(sessions.get(r.session_id) ?? []), r])
  analyst = (await signedInStaff(t.app, t.database, ['data_analyst'])).browser
})
after(async () => t.close())

/** Sessions started in [from, to] (the shop's days, as the roll-up keeps them), as the raw stream has them. */
function inRange(from = FROM, to = END) {
  return [...sessions.values()].filter((rows) => {
    const day = dayIn(rows[0]!.occurred_at, timeZone)
    return day >= from && day <= to
  })
}
const has = (rows: EventRow[], type: EventRow['type']) => rows.some((r) => r.type === type)
const pct = (a: number, b: number) => Math.round((a / b) * 10_000) / 100

/** The accessible data table of a chart: row label → cell values (data-value attributes). */
function chartData(html: string, chart: string): Map<string, string[]> {
  const m = new RegExp(`<table class="visually-hidden chart-data" data-chart="${chart}">([\\s\\S]*?)</table>`).exec(html)
  assert.ok(m, `the page has the data table of chart ${chart}`)
  const out = new Map<string, string[]>()
  for (const row of m[1]!.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)) out.set(row[1]!, [...row[2]!.matchAll(/data-value="([^"]*)"/g)].map((c) => c[1]!))
  return out
}
const svgCount = (html: string) => (html.match(/<svg role="img"/g) ?? []).length

test('the menu and the landing page lead to the three dashboards, the role’s own first', async () => {
  const res = await analyst.get('/admin/tableaux-de-bord')
  assert.equal(res.statusCode, 200)
  const text = textOf(res.body)
  assert.match(text, /Tableaux de bord/)
  assert.ok(res.body.includes('href="/admin/tableaux-de-bord/site"') && res.body.includes('href="/admin/tableaux-de-bord/direction"'))
  assert.ok(text.indexOf('Analyse des parcours') < text.indexOf('Expérience sur le site'), 'the analyst’s dashboard comes first')
  assert.match(text, /Conseillé pour votre rôle/)
})

test('the on-site dashboard draws every chart and its tables give the rates of the raw stream', async () => {
  const res = await analyst.get(`/admin/tableaux-de-bord/site?${RANGE}&grain=day`)
  assert.equal(res.statusCode, 200, res.body.slice(0, 300))
  assert.equal(svgCount(res.body), 11, 'four navigation rates, two search rates, three vitals, two breakdowns')
  assert.doesNotMatch(res.body, /<svg[^>]* style="|<style/, 'no inline style: the CSP allows none')
  const conversion = chartData(res.body, 'conversion')
  for (let d = FROM; d <= END; d = addDays(d, 1)) {
    const day = inRange(d, d)
    assert.equal(Number(conversion.get(d)![0]), pct(day.filter((s) => has(s, 'order')).length, day.length), `conversion of ${d}`)
  }
  // the dashed line: the same day of the 7-day range just before
  const weekBefore = inRange(addDays(END, -7), addDays(END, -7))
  assert.equal(Number(conversion.get(END)![1]), pct(weekBefore.filter((s) => has(s, 'order')).length, weekBefore.length), 'previous range, same position')
  const zero = chartData(res.body, 'recherche-sans-resultat')
  const searches = inRange(END, END).flat().filter((r) => r.type === 'search')
  assert.equal(Number(zero.get(END)![0]), pct(searches.filter((r) => r.result_count === 0).length, searches.length), 'zero-result rate of the last day')
  const devices = chartData(res.body, 'appareils')
  const mobile = inRange().filter((s) => s[0]!.device === 'mobile')
  assert.deepEqual(devices.get('Mobile')!.map(Number), [pct(mobile.filter((s) => has(s, 'order')).length, mobile.length), pct(mobile.filter((s) => has(s, 'add_to_cart')).length, mobile.length), mobile.length])
  assert.match(textOf(res.body), /Bon : 2 500 ms/, 'the LCP chart draws the "good" threshold')
})

test('the analysis dashboard shows the funnel with its drop-offs and sessions by channel, first or last touch', async () => {
  const res = await analyst.get(`/admin/tableaux-de-bord/analyse?${RANGE}`)
  assert.equal(res.statusCode, 200)
  assert.equal(svgCount(res.body), 5)
  const all = inRange()
  const viewed = all.filter((s) => has(s, 'product_view'))
  const carted = viewed.filter((s) => has(s, 'add_to_cart'))
  const checkout = carted.filter((s) => has(s, 'checkout_step'))
  const ordered = checkout.filter((s) => has(s, 'order'))
  const funnel = chartData(res.body, 'entonnoir')
  assert.deepEqual(['Visite', 'Vue produit', 'Ajout au panier', 'Commande commencée', 'Commande'].map((s) => Number(funnel.get(s)![0])), [all, viewed, carted, checkout, ordered].map((x) => x.length))
  assert.equal(Number(funnel.get('Ajout au panier')![2]), pct(viewed.length - carted.length, viewed.length), 'drop-off from product view to cart')

  const bySeo = all.filter((s) => s[0]!.channel === 'seo')
  assert.equal(Number(chartData(res.body, 'canaux-sessions').get('Référencement naturel')![0]), bySeo.length)
  assert.equal(Number(chartData(res.body, 'canaux-conversion').get('Référencement naturel')![0]), pct(bySeo.filter((s) => has(s, 'order')).length, bySeo.length))

  const first = await analyst.get(`/admin/tableaux-de-bord/analyse?${RANGE}&attribution=first`)
  assert.equal(first.statusCode, 200)
  assert.match(textOf(first.body), /Sessions par canal \(premier contact\)/)
  const total = [...chartData(first.body, 'canaux-sessions').values()].reduce((a, v) => a + Number(v[0]), 0)
  assert.equal(total, all.length, 'first-touch attribution shares out the same sessions')
})

test('the director sees revenue, orders, average basket and conversion against the previous period', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['director'])
  const res = await browser.get(`/admin/tableaux-de-bord/direction?${RANGE}&grain=day`)
  assert.equal(res.statusCode, 200)
  const orders = inRange().flat().filter((r) => r.type === 'order')
  const cents = orders.reduce((a, r) => a + r.value_cents!, 0)
  const card = /data-kpi="chiffre-affaires">([\s\S]*?)<\/div>/.exec(res.body)
  assert.ok(card)
  assert.match(textOf(card[1]!), new RegExp(`Chiffre d’affaires ${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2 }).format(cents / 100).replace(/\s/g, '\\s')}`))
  assert.match(textOf(card[1]!), /Période précédente : [\d\s]+,\d\d €/)
  assert.match(textOf(res.body), /en hausse|en baisse|stable|Pas de comparaison/, 'the change is said in words')
  assert.ok(svgCount(res.body) >= 4)

  // by week, the range starts on the Monday of its first day (the analytics module's rule)
  const weekly = await browser.get(`/admin/tableaux-de-bord/direction?${RANGE}&grain=week`)
  const monday = addDays(FROM, -((new Date(`${FROM}T00:00:00Z`).getUTCDay() + 6) % 7))
  const table = chartData(weekly.body, 'commandes')
  assert.equal([...table.keys()][0], monday)
  assert.equal([...table.values()].reduce((a, v) => a + Number(v[0]), 0), inRange(monday).flat().filter((r) => r.type === 'order').length, 'weekly orders add up to the range')
})

test('a role without access to orders gets the direction page without amounts of money', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['ux_designer'])
  const res = await browser.get(`/admin/tableaux-de-bord/direction?${RANGE}`)
  assert.equal(res.statusCode, 200)
  assert.doesNotMatch(res.body, /data-chart="chiffre-affaires"|data-kpi="panier-moyen"/)
  assert.match(textOf(res.body), /réservés aux rôles/)
  assert.equal((await browser.get(`/admin/tableaux-de-bord/direction/csv?${RANGE}&chart=chiffre-affaires`)).statusCode, 404)
})

test('each chart downloads as a semicolon CSV with a BOM whose numbers match the page', async () => {
  const page = await analyst.get(`/admin/tableaux-de-bord/site?${RANGE}`)
  assert.ok(page.body.includes(`/admin/tableaux-de-bord/site/csv?du=${FROM}&amp;au=${END}&amp;grain=day&amp;chart=conversion`), 'the page links the download')
  const res = await analyst.get(`/admin/tableaux-de-bord/site/csv?${RANGE}&grain=day&chart=conversion`)
  assert.equal(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), /text\/csv/)
  assert.match(String(res.headers['content-disposition']), /attachment; filename="site-conversion-/)
  assert.ok(res.body.startsWith('\uFEFF'), 'a BOM for Excel')
  const rows = parse(res.body.slice(1), { delimiter: ';' }) as string[][]
  assert.deepEqual(rows[0], ['Jour', 'Période (%)', 'Période précédente (%)'])
  const table = chartData(page.body, 'conversion')
  assert.equal(rows.length - 1, table.size)
  for (const r of rows.slice(1)) assert.equal(Number(r[1]!.replace(',', '.')), Number(table.get(r[0]!)![0]), r[0])

  const funnel = await analyst.get(`/admin/tableaux-de-bord/analyse/csv?${RANGE}&chart=entonnoir`)
  const f = parse(funnel.body.slice(1), { delimiter: ';' }) as string[][]
  assert.deepEqual(f[0], ['Étape', 'Sessions', 'Part des visites (%)', 'Perte depuis l’étape précédente (%)'])
  assert.equal(f[1]![1], String(inRange().length))
  assert.equal(f[1]![2], '100,00')

  const revenue = await analyst.get(`/admin/tableaux-de-bord/direction/csv?${RANGE}&grain=day&chart=chiffre-affaires`)
  const r = parse(revenue.body.slice(1), { delimiter: ';' }) as string[][]
  assert.deepEqual(r[0], ['Jour', 'Période (€)', 'Période précédente (€)'])
  for (const row of r.slice(1)) {
    const cents = inRange(row[0]!, row[0]!).flat().filter((e) => e.type === 'order').reduce((a, e) => a + e.value_cents!, 0)
    assert.equal(row[1], `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`, `revenue of ${row[0]} in euros with a decimal comma`)
  }
})

test('bad periods and unknown charts are refused with a message, never a 500', async () => {
  const bad = await analyst.get('/admin/tableaux-de-bord/site?du=2026-02-30&au=2026-03-10')
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /Indiquez une date de début valide/)
  assert.equal(svgCount(bad.body), 0)
  const reversed = await analyst.get('/admin/tableaux-de-bord/direction?du=2026-03-10&au=2026-03-01')
  assert.equal(reversed.statusCode, 400)
  assert.match(textOf(reversed.body), /La date de fin doit suivre la date de début/)
  const long = await analyst.get('/admin/tableaux-de-bord/analyse?du=2020-01-01&au=2026-01-01')
  assert.equal(long.statusCode, 400)
  assert.match(textOf(long.body), /deux ans/)
  assert.equal((await analyst.get('/admin/tableaux-de-bord/site?grain=hour')).statusCode, 400)
  assert.equal((await analyst.get('/admin/tableaux-de-bord/site/csv?du=nope&chart=conversion')).statusCode, 400)
  assert.equal((await analyst.get(`/admin/tableaux-de-bord/site/csv?${RANGE}`)).statusCode, 400, 'no chart named')
  assert.equal((await analyst.get(`/admin/tableaux-de-bord/site/csv?${RANGE}&chart=zzz`)).statusCode, 404)
  assert.equal((await analyst.get('/admin/tableaux-de-bord/zzz')).statusCode, 404)
})

test('without a back-office session the dashboards and their CSV send to the sign-in page', async () => {
  for (const url of ['/admin/tableaux-de-bord', `/admin/tableaux-de-bord/direction?${RANGE}`, `/admin/tableaux-de-bord/direction/csv?${RANGE}&chart=commandes`]) {
    const res = await t.app.inject({ method: 'GET', url })
    assert.ok(res.statusCode === 303 || res.statusCode === 401 || res.statusCode === 403, `${url} answered ${res.statusCode}`)
    assert.doesNotMatch(res.body, /<svg|;Période/)
  }
})
