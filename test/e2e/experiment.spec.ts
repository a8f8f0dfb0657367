import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import type { Page } from 'playwright-core'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { saveExperiment, startExperiment } from '../../src/modules/experiments/index.ts'
import { browserSuite } from '../helpers/browser.ts'

// An A/B test running on the product page, seen from real browsers: shoppers who accepted the
// audience cookie keep a visitor id, get a variant by it, and keep that variant across reloads.

const suite = browserSuite({ before, after })
const SHOPPER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

/** Which layout the page shows: the producer story before the description, or the default (after). */
const layoutOf = (page: Page) => page.evaluate(() => {
  const story = document.querySelector('.producer-story')
  const desc = document.querySelector('#desc-title')
  if (!story || !desc) return 'missing'
  return story.compareDocumentPosition(desc) & Node.DOCUMENT_POSITION_FOLLOWING ? 'story-first' : 'default'
})

test('two shoppers with consent see different variants of a running test, each the same one across reloads', async () => {
  const ctx = systemCtx(suite.t.database.db, 'e2e')
  const e = await saveExperiment(ctx, {
    key: 'histoire-e2e', name: 'Histoire en premier', kind: 'experiment', surface: 'product_layout', primaryMetric: 'conversion',
    variants: [{ key: 'control', name: 'Témoin', weight: 50, config: { storyPosition: 'below' } }, { key: 'story-first', name: 'Histoire en premier', weight: 50, config: { storyPosition: 'above' } }],
  })
  await startExperiment(ctx, e.id)
  const p = await sql<{ slug_fr: string }>`SELECT p.slug_fr FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.sku = 'CHN-CAF-GR-250'`.execute(suite.t.database.db)
  const url = `${suite.origin}/fr/p/${p.rows[0]!.slug_fr}`

  const seen = new Map<string, string>()
  // new shoppers until both variants have been seen (50/50: a few contexts suffice)
  for (let i = 0; i < 16 && new Set(seen.values()).size < 2; i++) {
    // headless Chromium names itself in its agent and counts as a bot (control, never measured): look like a shopper's browser
    const context = await suite.browser.newContext({ locale: 'fr-FR', userAgent: SHOPPER_AGENT })
    const page = await context.newPage()
    // the choice as a shopper makes it on the cookies page (the banner posts the same form)
    await page.goto(`${suite.origin}/fr/cookies`)
    await Promise.all([page.waitForURL(/\/fr\/cookies/), page.click('main button[value="granted"]')])
    await page.goto(url)
    const vid = (await context.cookies()).find((c) => c.name === 'lakou_vid')?.value
    assert.ok(vid, 'accepting gives the shopper a visitor id')
    const layout = await layoutOf(page)
    assert.notEqual(layout, 'missing')
    for (let r = 0; r < 2; r++) {
      await page.reload()
      assert.equal(await layoutOf(page), layout, 'the same variant after a reload')
    }
    seen.set(vid, layout)
    await context.close()
  }
  assert.deepEqual([...new Set(seen.values())].sort(), ['default', 'story-first'], `two shoppers saw different variants (${seen.size} tried)`)
  await suite.t.app.eventQueue.flush()
  const exposed = await sql<{ n: number }>`SELECT count(DISTINCT visitor_id)::int AS n FROM events WHERE type = 'experiment_exposure' AND experiment_key = 'histoire-e2e' AND visitor_id = ANY(${[...seen.keys()]}::text[])`.execute(suite.t.database.db)
  assert.equal(exposed.rows[0]!.n, seen.size, 'each consented shopper is measured under their own id')
})
