import { test } from 'node:test'
import assert from 'node:assert/strict'
import { addDays, daysBetween, dueDate, endOfMonth, type Terms } from './due-date.ts'

const NET = (days: number): Terms => ({ paymentTermsType: 'NET_DAYS_FROM_INVOICE' as const, paymentTermsDays: days })
const EOM = (days: number): Terms => ({ paymentTermsType: 'DAYS_AFTER_END_OF_DELIVERY_MONTH' as const, paymentTermsDays: days })
const DELIVERY = (days: number): Terms => ({ paymentTermsType: 'DAYS_AFTER_DELIVERY' as const, paymentTermsDays: days })

const CASES: { name: string; terms: Terms; invoice: string; delivered: string | null; due: string }[] = [
  { name: 'net 60 from the invoice date', terms: NET(60), invoice: '2026-03-15', delivered: '2026-03-01', due: '2026-05-14' },
  { name: 'net 60 ignores the delivery date', terms: NET(60), invoice: '2026-03-15', delivered: null, due: '2026-05-14' },
  { name: 'net 60 across a year end', terms: NET(60), invoice: '2026-12-01', delivered: null, due: '2027-01-30' },
  { name: 'rum: 30 days after the end of the delivery month', terms: EOM(30), invoice: '2026-03-20', delivered: '2026-03-05', due: '2026-04-30' },
  { name: 'EOM counts from the delivery month, not the invoice month', terms: EOM(30), invoice: '2026-04-02', delivered: '2026-03-28', due: '2026-04-30' },
  { name: 'EOM in February of a leap year', terms: EOM(30), invoice: '2028-02-10', delivered: '2028-02-03', due: '2028-03-30' },
  { name: 'EOM without a purchase order: the invoice date stands for delivery', terms: EOM(30), invoice: '2026-01-31', delivered: null, due: '2026-03-02' },
  { name: 'perishables: 30 days after delivery', terms: DELIVERY(30), invoice: '2026-06-10', delivered: '2026-06-02', due: '2026-07-02' },
  { name: 'never due before the invoice date itself', terms: DELIVERY(30), invoice: '2026-09-15', delivered: '2026-06-02', due: '2026-09-15' },
]

for (const c of CASES) {
  test(`due date: ${c.name}`, () => {
    assert.equal(dueDate(c.terms, c.invoice, c.delivered), c.due)
  })
}

test('calendar helpers: month ends, day counts', () => {
  assert.equal(endOfMonth('2026-02-10'), '2026-02-28')
  assert.equal(endOfMonth('2026-12-31'), '2026-12-31')
  assert.equal(addDays('2026-12-31', 1), '2027-01-01')
  assert.equal(daysBetween('2026-11-20', '2026-11-30'), 10)
})
