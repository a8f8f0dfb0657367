import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { browserSuite, seriousA11yViolations } from '../helpers/browser.ts'

const suite = browserSuite({ before, after })

async function searchFromHeader(page: Page, query: string) {
  await page.fill('header input[name="q"]', query)
  await Promise.all([page.waitForURL(/\/search\?/), page.press('header input[name="q"]', 'Enter')])
}

test('a shopper searches "rhum", then with the typo "rhim", opens a rum and reads it in English', async () => {
  const context = await suite.browser.newContext({ locale: 'fr-FR' })
  const page = await context.newPage()
  await page.goto(`${suite.origin}/`)
  assert.match(page.url(), /\/fr\/$/)
  assert.equal(await page.getAttribute('html', 'lang'), 'fr')

  await searchFromHeader(page, 'rhum')
  const rumResults = await page.locator('main a[href*="/fr/p/"]').count()
  assert.ok(rumResults >= 5, `"rhum" lists the rums (${rumResults} links)`)

  await searchFromHeader(page, 'rhim')
  assert.match(await page.locator('main').innerText(), /rhum/i, 'the typo is corrected to rhum')
  const typoLinks = page.locator('main a[href*="/fr/p/"]')
  assert.ok((await typoLinks.count()) >= 5, '"rhim" still finds the rums')

  const firstHref = await typoLinks.first().getAttribute('href')
  await Promise.all([page.waitForURL(`**${firstHref}`), typoLinks.first().click()])
  const frTitle = (await page.locator('h1').innerText()).trim()
  assert.ok(frTitle.length > 3)
  assert.match(await page.locator('body').innerText(), /L.abus d.alcool est dangereux pour la santé/, 'health message on a rum page')

  const english = page.locator('a[hreflang="en"]').first()
  await Promise.all([page.waitForURL(/\/en\/p\//), english.click()])
  assert.equal(await page.getAttribute('html', 'lang'), 'en')
  const enTitle = (await page.locator('h1').innerText()).trim()
  assert.ok(enTitle.length > 3)
  assert.notEqual(enTitle, frTitle, 'the product name is shown in English')
  assert.match(await page.locator('body').innerText(), /Alcohol abuse is dangerous/i)
  await context.close()
})

test('home, category, product and search pages have no serious or critical accessibility violation', async () => {
  const context = await suite.browser.newContext({ locale: 'fr-FR' })
  const page = await context.newPage()
  await page.goto(`${suite.origin}/fr/`)
  const categoryHref = await page.locator('a[href^="/fr/c/"]').first().getAttribute('href')
  const productHref = await page.locator('a[href^="/fr/p/"]').first().getAttribute('href')
  assert.ok(categoryHref && productHref, 'home links to categories and products')
  for (const url of ['/fr/', categoryHref, productHref, '/fr/search?q=cafe', '/en/', '/en/search?q=rum']) {
    await page.goto(`${suite.origin}${url}`)
    const violations = await seriousA11yViolations(page)
    assert.deepEqual(violations, [], `${url}: ${JSON.stringify(violations, null, 1)}`)
  }
  await context.close()
})
