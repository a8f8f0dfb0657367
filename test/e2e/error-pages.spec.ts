import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { browserSuite, seriousA11yViolations } from '../helpers/browser.ts'

const suite = browserSuite({ before, after })

test('a shopper who lands on a missing page sees a friendly page and can search from it', async () => {
  const page = await suite.browser.newPage()
  const res = await page.goto(`${suite.origin}/fr/page-qui-n-existe-pas`)
  assert.equal(res?.status(), 404)
  assert.equal(await page.locator('h1').textContent(), 'Page introuvable')
  await page.fill('#q404', 'rhum')
  await Promise.all([page.waitForURL(/\/fr\/search\?q=rhum/), page.click('.error-search button')])
  assert.deepEqual(await seriousA11yViolations(page.context().pages()[0]!), [])
  await page.close()
})
