import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { insertEventStream } from '../../src/cli/generate-events.ts'
import { PROJECT_ROOT } from '../../src/kernel/config.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { rollUpEvents } from '../../src/modules/analytics/index.ts'
import type { Role } from '../../src/modules/staff/index.ts'
import { browserSuite, seriousA11yViolations } from '../helpers/browser.ts'
import { addStaff, STAFF_PASSWORD } from '../helpers/staff.ts'

// The dashboards in Chromium: server-drawn SVG charts visible under the back office's strict CSP
// (no inline style, no script needed), accessible, and a screenshot for the record.
const suite = browserSuite({ before, after })
// five weeks of generated events, rolled up (once, when the first test needs them: the suite's own hook starts the app)
let events: Promise<unknown> | null = null
const withEvents = () => (events ??= insertEventStream(suite.t.database.db, { days: 35, sessionsPerDay: 40, endDay: new Date().toISOString().slice(0, 10), seed: 5, batch: 5000 })
  .then(() => rollUpEvents(systemCtx(suite.t.database.db, 'e2e'), { lagSeconds: 0, maxBatches: 10_000 })))

async function signIn(page: Page, roles: Role[]): Promise<void> {
  await withEvents()
  const member = await addStaff(suite.t.database, roles)
  await page.goto(`${suite.origin}/admin/connexion`)
  await page.getByLabel('Adresse e-mail').fill(member.email)
  await page.getByLabel('Mot de passe').fill(STAFF_PASSWORD)
  await Promise.all([page.waitForURL(`${suite.origin}/admin`), page.getByRole('button', { name: 'Se connecter' }).click()])
}

test('a director opens the direction dashboard from the menu and sees the charts', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const cspErrors: string[] = []
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()) })
  await signIn(page, ['director'])
  await page.getByRole('link', { name: 'Tableaux de bord' }).click()
  await page.getByRole('link', { name: 'Direction' }).click()
  await page.waitForURL(/\/admin\/tableaux-de-bord\/direction/)
  const charts = page.locator('figure.chart svg[role="img"]')
  assert.equal(await charts.count(), 4)
  for (let i = 0; i < 4; i++) {
    assert.ok(await charts.nth(i).isVisible(), `chart ${i} is visible`)
    const box = await charts.nth(i).boundingBox()
    assert.ok(box && box.width >= 600 && box.height >= 250, 'drawn at its fixed size')
  }
  assert.match(await page.locator('[data-kpi="chiffre-affaires"]').innerText(), /€/)
  assert.ok(await page.getByRole('img', { name: /Chiffre d’affaires/ }).first().isVisible(), 'the chart is named for screen readers')
  assert.deepEqual(await seriousA11yViolations(page), [], 'direction dashboard')
  await page.screenshot({ path: path.join(PROJECT_ROOT, 'bench-results', 'dashboards.png'), fullPage: true })

  await page.getByLabel('Pas').selectOption('week')
  await Promise.all([page.waitForURL(/grain=week/), page.getByRole('button', { name: 'Afficher' }).click()])
  assert.equal(await charts.count(), 4)
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: /Télécharger \(CSV\) : Commandes/ }).click()
  assert.match((await download).suggestedFilename(), /^direction-commandes-.*\.csv$/)
  assert.deepEqual(cspErrors, [], 'nothing blocked by the Content-Security-Policy')
  await context.close()
})

test('an e-merchandiser reads the site dashboard: vitals with thresholds, breakdowns, accessible', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, ['e_merchandiser'])
  await page.goto(`${suite.origin}/admin/tableaux-de-bord/site`)
  assert.equal(await page.locator('figure.chart svg').count(), 11)
  assert.ok(await page.locator('#chart-lcp svg').isVisible())
  assert.match(await page.locator('#chart-lcp svg').innerHTML(), /Bon : 2 500 ms/)
  assert.deepEqual(await seriousA11yViolations(page), [], 'site dashboard')
  await page.screenshot({ path: path.join(PROJECT_ROOT, 'bench-results', 'dashboards-site.png'), fullPage: true })
  await context.close()
})
