import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql, type KyselyPlugin } from 'kysely'
import { systemCtx } from '../../src/kernel/ctx.ts'
import type { Database, Db } from '../../src/kernel/db/client.ts'
import { issueStatements } from '../../src/modules/payables/index.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { testDatabase } from '../helpers/test-db.ts'

// Issuing a month's consignment statements reads every consignor's sales and refunds at once:
// the number of statements it runs does not grow with the number of consignors.

let database: Database
before(async () => {
  database = await testDatabase()
})
after(async () => database.close())

/** A db that counts the statements sent through it. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0
  const plugin: KyselyPlugin = { transformQuery: (a) => ((n += 1), a.node), transformResult: async (a) => a.result }
  return { db: db.withPlugin(plugin), count: () => n }
}

const consign = (codes: string[], from: string) => sql`
  insert into producer_agreements (producer_id, valid_from, model, payment_terms_type, payment_terms_days, commission_bp)
  select id, ${from}::date, 'CONSIGNMENT', 'DAYS_AFTER_END_OF_DELIVERY_MONTH', 30, 2000 from producers where code = any(${codes}::text[])`.execute(database.db)

async function statementsOf(month: string, now: Date) {
  const c = counting(database.db)
  const r = await issueStatements(systemCtx(c.db, 'test', { now }), { month })
  return { r, queries: c.count() }
}

test('three times more consignors, the same number of statements sent to the database; each consignor with sales gets its statement', async () => {
  // month A: the demo consignors, nothing sold
  const few = await statementsOf('2027-08', new Date('2027-09-15T12:00:00Z'))
  assert.equal(few.r.issued.length, 0)
  const consignors = few.r.nothingSold.length
  assert.ok(consignors >= 1, JSON.stringify(few.r))

  // month B: four more producers on consignment, still nothing sold
  await consign(['PRD-ACS', 'PRD-CHN', 'PRD-MTE', 'PRD-JFL'], '2027-09-01')
  const many = await statementsOf('2027-09', new Date('2027-10-15T12:00:00Z'))
  assert.equal(many.r.nothingSold.length, consignors + 4)
  assert.equal(many.queries, few.queries, 'no statement per consignor')

  // a rum order paid the next month (rum keeps: its lots are still good): one statement, for the distillery
  const rum = await paidOrder(database.db, { lines: [['ACS-RHB50-100', 2]], now: new Date('2027-10-10T12:00:00Z') })
  const sold = await statementsOf('2027-10', new Date('2027-11-15T12:00:00Z'))
  assert.equal(sold.queries, few.queries + 2 + sold.r.issued.length, 'two inserts for all statements and lines, one audit entry each')
  const acs = sold.r.issued.find((s) => s.producerName === 'Distillerie Anse-Cascade')
  assert.ok(acs, JSON.stringify(sold.r))
  assert.equal(acs.units, 2)
  const lines = await sql<{ order_number: string }>`select order_number from consignment_statement_lines where statement_id = ${acs.statementId}`.execute(database.db)
  assert.deepEqual(lines.rows.map((l) => l.order_number), [rum.number])
})
