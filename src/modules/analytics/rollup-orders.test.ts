import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { systemCtx } from '../../kernel/ctx.ts'
import { dayIn } from '../../kernel/dates.ts'
import type { Database } from '../../kernel/db/client.ts'
import { paidOrder } from '../../../test/builders/paid-order.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { shopTimeZone } from '../invoicing/index.ts'
import { computeKpis } from './kpis.ts'
import { rollUpEvents } from './rollup.ts'

let database: Database
before(async () => {
  database = await testDatabase()
  timeZone = await shopTimeZone(systemCtx(database.db, 'test'))
})
after(async () => database?.close())

const ctx = () => systemCtx(database.db, 'test')
let timeZone = 'UTC'
/** Today in the shop's time zone: the roll-up keeps the shop's days. */
const today = () => dayIn(new Date(), timeZone)

test('the repeat purchase rate counts the paid orders of buyers who had paid one before, incrementally', async () => {
  await paidOrder(database.db, { email: 'lea@example.com' })
  await paidOrder(database.db, { email: 'LEA@example.com' }) // the same buyer, whatever the case of the address
  await paidOrder(database.db, { email: 'marc@example.com' })
  await rollUpEvents(ctx(), { lagSeconds: 0 })
  let k = (await computeKpis(ctx(), { from: today(), to: today() })).total.current
  assert.equal(k.repeatPurchaseRate, 1 / 3, 'one order of three came from a returning buyer')

  // a later order of the second buyer is found through its update time on the next run
  await paidOrder(database.db, { email: 'marc@example.com' })
  await rollUpEvents(ctx(), { lagSeconds: 0 })
  k = (await computeKpis(ctx(), { from: today(), to: today() })).total.current
  assert.equal(k.repeatPurchaseRate, 2 / 4)
  const byMarket = await computeKpis(ctx(), { from: today(), to: today(), by: 'market' })
  assert.equal(byMarket.rows.find((r) => r.key === 'FR-MAINLAND')!.current.repeatPurchaseRate, 2 / 4)
  const none = await computeKpis(ctx(), { from: today(), to: today(), by: 'device' })
  assert.equal(none.total.current.repeatPurchaseRate, null, 'orders carry no device')

  // two runs at once rebuild the same days: the counts stay right
  await sql`UPDATE analytics_rollup_state SET orders_seen_until = NULL`.execute(database.db)
  await Promise.all([rollUpEvents(ctx(), { lagSeconds: 0 }), rollUpEvents(ctx(), { lagSeconds: 0 })])
  const rows = await sql<{ orders: number; repeat_orders: number }>`SELECT sum(orders)::int AS orders, sum(repeat_orders)::int AS repeat_orders FROM analytics_orders_daily`.execute(database.db)
  assert.deepEqual(rows.rows[0], { orders: 4, repeat_orders: 2 })
})
