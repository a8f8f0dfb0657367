import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { testApp, type TestApp } from './test-app.ts'

export const CHROMIUM = '/usr/bin/chromium'

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls out); Playwright gives it a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** Starts the test app on a loopback port for the browser; returns its origin. */
export async function listenOnLoopback(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const addr = t.app.server.address()
  if (!addr || typeof addr === 'string') throw new Error('no address')
  return `http://127.0.0.1:${addr.port}`
}

const AXE_SOURCE = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../../node_modules/axe-core/axe.min.js'), 'utf8')

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** Runs axe-core in the page (WCAG 2.x A/AA rules) and returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate, not a script tag: the site's Content-Security-Policy forbids inline scripts, rightly
  await page.evaluate(AXE_SOURCE)
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
    return r.violations.map((v: AxeViolation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
  return (result as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

export type BrowserSuite = { t: TestApp; browser: Browser; origin: string }

/**
 * Registers before/after hooks that start the app on loopback and a browser for one
 * test file; the returned object is filled when the tests run.
 */
export function browserSuite(hooks: { before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void }): BrowserSuite {
  const suite = {} as BrowserSuite
  hooks.before(async () => {
    suite.t = await testApp()
    suite.origin = await listenOnLoopback(suite.t)
    suite.browser = await launchBrowser()
  })
  hooks.after(async () => {
    await suite.browser?.close()
    await suite.t?.close()
  })
  return suite
}
