import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { clearCatalogCache } from '../../src/modules/catalog/index.ts'
import { postgresSearchEngine } from '../../src/modules/search/index.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

test('when a producer is paused, its products leave lists, categories and search, and their pages answer 404', async () => {
  const { rows } = await sql<{ id: string; slug_fr: string }>`
    select p.id, p.slug_fr from products p join producers pr on pr.id = p.producer_id where pr.code = 'PRD-DKR' order by p.id`.execute(t.database.db)
  assert.ok(rows.length >= 5)
  const jamPage = `/fr/p/${rows[0]!.slug_fr}`
  assert.equal((await t.app.inject(jamPage)).statusCode, 200)
  assert.match((await t.app.inject('/api/store/search?q=confiture')).body, /Doux Kar/)

  await sql`update producers set status = 'PAUSED' where code = 'PRD-DKR'`.execute(t.database.db)
  await postgresSearchEngine.reindex(systemCtx(t.database.db, 'test'), rows.map((r) => r.id))
  clearCatalogCache()

  assert.equal((await t.app.inject(jamPage)).statusCode, 404)
  const search = (await t.app.inject('/api/store/search?q=confiture')).json()
  assert.ok(!JSON.stringify(search).includes('Doux Kar'), 'search no longer offers them')
  const category = await t.app.inject('/fr/c/epicerie-fine/confitures')
  assert.equal(category.statusCode, 200)
  assert.ok(!rows.some((r) => category.body.includes(`/fr/p/${r.slug_fr}"`)), 'the category page no longer lists them')
  const tree = (await t.app.inject('/api/store/categories')).json()
  assert.ok(!JSON.stringify(tree).includes('Doux Kar'))
  const home = await t.app.inject('/fr/')
  assert.ok(!rows.some((r) => home.body.includes(`/fr/p/${r.slug_fr}"`)), 'nor the home page')
})
