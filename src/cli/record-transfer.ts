// `npm run record-transfer -- --reference LK-100042 --amount 35.90 [--date 2026-11-30]`
// Records a bank transfer seen on the operator's account until the back office has a screen for it:
// the order awaiting that transfer is paid (stock allocated, invoice, e-mail).
import { parseArgs } from 'node:util'
import { loadConfig } from '../kernel/config.ts'
import { systemCtx } from '../kernel/ctx.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { centsFromDecimal } from '../kernel/money.ts'
import { buildPaymentProviders } from '../modules/payments/index.ts'
import { recordTransferAndCompleteOrder } from '../flows/record-bank-transfer.ts'

const { values } = parseArgs({ options: { reference: { type: 'string' }, amount: { type: 'string' }, date: { type: 'string' } } })
if (!values.reference || !values.amount || !/^\d+([.,]\d{1,2})?$/.test(values.amount)) {
  console.error('usage: npm run record-transfer -- --reference LK-100042 --amount 35.90 [--date YYYY-MM-DD]')
  process.exit(2)
}
const config = loadConfig()
const database = await openConfiguredDatabase(config)
try {
  const deps = { providers: buildPaymentProviders(config, { db: database.db }), appSecret: config.appSecret, reservationMinutes: config.reservationMinutes, publicUrl: config.publicUrl }
  const receivedAt = values.date ? new Date(`${values.date}T12:00:00Z`) : new Date()
  const r = await recordTransferAndCompleteOrder(systemCtx(database.db, 'cli:record-transfer'), deps, { reference: values.reference, amount: centsFromDecimal(Number(values.amount.replace(',', '.'))), receivedAt })
  if (!r.ok) {
    console.error(`refused: ${r.code}`)
    process.exitCode = 1
  } else console.log(r.transition === 'captured' ? `order ${values.reference} is paid` : `nothing to do (${r.transition})`)
} finally {
  await database.close()
}
