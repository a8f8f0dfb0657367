import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fromIsoDate, toIsoDate } from './calendar.ts'
import { flowerDeliveryDates, deliveryPromise, type Schedule } from './delivery-promise.ts'
import { easterSunday, holidayChecker, publicHolidays } from './public-holidays.ts'

for (const [year, easter] of [[2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'], [2038, '2038-04-25']] as const) {
  test(`Easter Sunday ${year} is ${easter}`, () => assert.equal(toIsoDate(easterSunday(year)), easter))
}

test('2026 holidays: eleven national ones, plus Good Friday, 27 May and 21 July in Guadeloupe', () => {
  const iso = (s: ReadonlySet<number>) => [...s].map(toIsoDate).sort()
  const national = iso(publicHolidays(2026, ['FR-MAINLAND']))
  assert.deepEqual(national, ['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25'])
  const gp = iso(publicHolidays(2026, ['GP']))
  assert.deepEqual(gp.filter((d) => !national.includes(d)), ['2026-04-03', '2026-05-27', '2026-07-21'])
})

// Chronopost-like GP → mainland flowers: ship Mon–Wed, 3 working days, delivery Tue–Fri, cut-off 12:00 Guadeloupe
const flowers: Schedule = { timezone: 'America/Guadeloupe', cutoffMinute: 12 * 60, handlingDays: 1, shipWeekdays: [1, 2, 3], transitDaysMin: 3, transitDaysMax: 3, deliveryWeekdays: [2, 3, 4, 5], closed: holidayChecker(['GP', 'FR-MAINLAND']) }

test('no flowers are promised for Christmas Day, nor for a delivery that would wait in a depot over it', () => {
  const dates = flowerDeliveryDates(flowers, new Date('2026-12-14T13:00:00Z'))
  assert.ok(!dates.includes('2026-12-25'))
  assert.ok(dates.length > 0)
  for (const d of dates) assert.ok(!publicHolidays(Number(d.slice(0, 4)), ['GP', 'FR-MAINLAND']).has(fromIsoDate(d)!), d)
  const without = flowerDeliveryDates({ ...flowers, closed: undefined }, new Date('2026-12-14T13:00:00Z'))
  assert.ok(without.includes('2026-12-25'), 'without the holiday calendar the 25th would have been offered')
})

test('a parcel promised over 14 July arrives a day later', () => {
  const mainland: Schedule = { timezone: 'Europe/Paris', cutoffMinute: 14 * 60, handlingDays: 0, shipWeekdays: [1, 2, 3, 4, 5], transitDaysMin: 2, transitDaysMax: 2, deliveryWeekdays: [1, 2, 3, 4, 5, 6], closed: holidayChecker(['FR-MAINLAND']) }
  const monday13 = new Date('2026-07-13T08:00:00Z')
  assert.equal(deliveryPromise(mainland, monday13).to, '2026-07-16')
  assert.equal(deliveryPromise({ ...mainland, closed: undefined }, monday13).to, '2026-07-15')
})
