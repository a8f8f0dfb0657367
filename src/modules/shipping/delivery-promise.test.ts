import { test } from 'node:test'
import assert from 'node:assert/strict'
import { localDayAndMinute, toIsoDate, weekday, addTransitDays, fromIsoDate } from './calendar.ts'
import { checkDeliveryDate, deliveryPromise, flowerDeliveryDates, type Schedule } from './delivery-promise.ts'

// Week of reference: Monday 2 March 2026 … Guadeloupe is UTC−4 all year; Paris UTC+1 until 29 March.
const gp = (local: string) => new Date(`${local}-04:00`)
const paris = (local: string) => new Date(`${local}+01:00`)

// Fresh flowers GP → mainland by Chronopost: cut-off noon in Guadeloupe, one day to cut them,
// leave the island Monday–Wednesday, 3 days of transit, delivered Tuesday–Friday.
const flowersToMainland: Schedule = { timezone: 'America/Guadeloupe', cutoffMinute: 720, handlingDays: 1, shipWeekdays: [1, 2, 3], transitDaysMin: 3, transitDaysMax: 3, deliveryWeekdays: [2, 3, 4, 5] }
// Our van in Guadeloupe: ships Monday–Friday, next day, delivers Tuesday–Saturday.
const flowersInGuadeloupe: Schedule = { timezone: 'America/Guadeloupe', cutoffMinute: 840, handlingDays: 1, shipWeekdays: [1, 2, 3, 4, 5], transitDaysMin: 1, transitDaysMax: 1, deliveryWeekdays: [2, 3, 4, 5, 6] }

const flowerRows: [string, Schedule, Date, string[]][] = [
  ['Friday evening order: cut Sunday→Monday, leaves Monday, Thursday first', flowersToMainland, gp('2026-03-06T20:00'),
    ['2026-03-12', '2026-03-13', '2026-03-19', '2026-03-20', '2026-03-26', '2026-03-27', '2026-04-02', '2026-04-03']],
  ['Monday morning order: cut Monday, leaves Tuesday, Friday first (Wednesday would arrive Saturday)', flowersToMainland, gp('2026-03-09T09:00'),
    ['2026-03-13', '2026-03-19', '2026-03-20', '2026-03-26', '2026-03-27', '2026-04-02', '2026-04-03']],
  ['Monday one minute before the cut-off: same as the morning', flowersToMainland, gp('2026-03-09T11:59'),
    ['2026-03-13', '2026-03-19', '2026-03-20', '2026-03-26', '2026-03-27', '2026-04-02', '2026-04-03']],
  ['Monday at the cut-off: leaves Wednesday → Saturday refused, so next Thursday', flowersToMainland, gp('2026-03-09T12:00'),
    ['2026-03-19', '2026-03-20', '2026-03-26', '2026-03-27', '2026-04-02', '2026-04-03']],
  ['Guadeloupe, Friday evening: Tuesday to Saturday by our van', flowersInGuadeloupe, gp('2026-03-06T20:00'),
    ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21',
      '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04']],
]

for (const [what, schedule, now, want] of flowerRows) {
  test(`flower dates: ${what}`, () => {
    const dates = flowerDeliveryDates(schedule, now)
    assert.deepEqual(dates, want)
    // never beyond 30 days, never a Sunday or a Monday for flowers
    for (const d of dates) assert.ok(![1, 7].includes(weekday(fromIsoDate(d)!)), d)
  })
}

test('flower dates never put a Sunday inside the transit', () => {
  // 2 days of transit, shipping any weekday: Friday → Monday would spend Sunday in a depot.
  const s: Schedule = { ...flowersToMainland, shipWeekdays: [1, 2, 3, 4, 5], transitDaysMin: 2, transitDaysMax: 2, deliveryWeekdays: [1, 2, 3, 4, 5, 6] }
  const dates = flowerDeliveryDates(s, gp('2026-03-02T08:00'))
  assert.ok(dates.includes('2026-03-07'), 'Thursday → Saturday is fine')
  assert.ok(!dates.includes('2026-03-09'), 'Friday → Monday crosses a Sunday')
})

const colissimoMainland: Schedule = { timezone: 'Europe/Paris', cutoffMinute: 840, handlingDays: 0, shipWeekdays: [1, 2, 3, 4, 5], transitDaysMin: 2, transitDaysMax: 2, deliveryWeekdays: [1, 2, 3, 4, 5, 6] }
const chronoMainland: Schedule = { ...colissimoMainland, cutoffMinute: 900, transitDaysMin: 1, transitDaysMax: 1, deliveryWeekdays: [1, 2, 3, 4, 5] }
const colissimoFromGp: Schedule = { timezone: 'America/Guadeloupe', cutoffMinute: 720, handlingDays: 0, shipWeekdays: [1, 2, 3, 4, 5], transitDaysMin: 5, transitDaysMax: 7, deliveryWeekdays: [1, 2, 3, 4, 5, 6] }

const promiseRows: [string, Schedule, Date, string, string][] = [
  ['Colissimo mainland, Monday morning: J+2 → Wednesday', colissimoMainland, paris('2026-03-09T10:00'), '2026-03-11', '2026-03-11'],
  ['Colissimo mainland, Thursday morning: Saturday delivery counts', colissimoMainland, paris('2026-03-05T10:00'), '2026-03-07', '2026-03-07'],
  ['Colissimo mainland, Friday after the cut-off: leaves Monday → Wednesday', colissimoMainland, paris('2026-03-06T16:00'), '2026-03-11', '2026-03-11'],
  ['Colissimo mainland, Saturday: the depot ships Monday', colissimoMainland, paris('2026-03-07T09:00'), '2026-03-11', '2026-03-11'],
  ['Chronopost J+1, Friday morning: no Saturday delivery → Monday', chronoMainland, paris('2026-03-06T10:00'), '2026-03-09', '2026-03-09'],
  ['Colissimo GP → mainland 5–7 days, transit counts Monday–Saturday', colissimoFromGp, gp('2026-03-09T10:00'), '2026-03-14', '2026-03-17'],
  // Paris moves to UTC+2 on 29 March 2026: 12:30 UTC is 13:30 before and 14:30 after.
  ['cut-off read in Paris time before daylight saving (13:30 < 14:00): leaves Friday → Monday', colissimoMainland, new Date('2026-03-27T12:30:00Z'), '2026-03-30', '2026-03-30'],
  ['cut-off read in Paris time after daylight saving (14:30 ≥ 14:00)', colissimoMainland, new Date('2026-03-30T12:30:00Z'), '2026-04-02', '2026-04-02'],
  ['a Guadeloupe evening is already tomorrow in UTC: the local day counts', colissimoFromGp, gp('2026-03-09T21:00'), '2026-03-16', '2026-03-18'],
]

for (const [what, schedule, now, from, to] of promiseRows) {
  test(`promise: ${what}`, () => {
    const p = deliveryPromise(schedule, now)
    assert.deepEqual({ from: p.from, to: p.to }, { from, to })
  })
}

test('calendar: local day and minute, weekdays, transit days skip Sundays, date parsing', () => {
  const { day, minute } = localDayAndMinute(new Date('2026-03-07T02:30:00Z'), 'America/Guadeloupe')
  assert.equal(toIsoDate(day), '2026-03-06')
  assert.equal(minute, 22 * 60 + 30)
  assert.equal(weekday(fromIsoDate('2026-03-09')!), 1)
  assert.equal(weekday(fromIsoDate('2026-03-08')!), 7)
  assert.equal(toIsoDate(addTransitDays(fromIsoDate('2026-03-07')!, 1)), '2026-03-09')
  assert.equal(fromIsoDate('2026-02-30'), null)
  assert.equal(fromIsoDate('13/03/2026'), null)
})

test('checkDeliveryDate: flowers need one of the offered dates; other options take none', () => {
  const flowers = { deliveryDates: ['2026-03-12', '2026-03-13'] }
  assert.deepEqual(checkDeliveryDate(flowers, '2026-03-13'), { ok: true, date: '2026-03-13' })
  assert.equal(checkDeliveryDate(flowers, null).ok, false)
  assert.deepEqual(checkDeliveryDate(flowers, undefined), { ok: false, code: 'SHIPPING_DATE_REQUIRED', params: { date: null, allowed: flowers.deliveryDates } })
  const r = checkDeliveryDate(flowers, '2026-03-14')
  assert.equal(r.ok ? 'ok' : r.code, 'SHIPPING_DATE_NOT_ALLOWED')
  const junk = checkDeliveryDate(flowers, 'tomorrow')
  assert.equal(junk.ok ? 'ok' : junk.code, 'SHIPPING_DATE_NOT_ALLOWED')
  assert.deepEqual(checkDeliveryDate({ deliveryDates: null }, null), { ok: true, date: null })
  const extra = checkDeliveryDate({ deliveryDates: null }, '2026-03-13')
  assert.equal(extra.ok ? 'ok' : extra.code, 'SHIPPING_DATE_NOT_ALLOWED')
})
