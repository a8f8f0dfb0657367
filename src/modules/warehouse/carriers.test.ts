import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkTracking } from './carriers.ts'

test('a tracking number is normalised, checked against its carrier and linked to its tracking page', () => {
  const ok = checkTracking('colissimo', '6a 12345678901')
  assert.deepEqual(ok, { ok: true, carrier: 'colissimo', number: '6A12345678901', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' })
  assert.equal(checkTracking('ups', '1Z999AA10123456784').ok, true)
  assert.equal(checkTracking('dhl', '1234567890').ok, true)
})

test('a wrong number or an unknown carrier is refused with the field to fix', () => {
  assert.deepEqual(checkTracking('dhl', 'ABC'), { ok: false, field: 'tracking', message: '« ABC » n’est pas un numéro de suivi DHL Express valide.' })
  assert.equal(checkTracking('pigeon', '1234567890').ok, false)
  const blank = checkTracking('chronopost', '  ')
  assert.ok(!blank.ok && blank.field === 'tracking')
  assert.equal(checkTracking('ups', '1Z<script>').ok, false)
})
