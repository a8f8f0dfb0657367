import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { sql } from 'kysely'
import { acquireDirLock } from '../../src/kernel/db/lock-file.ts'
import { openDatabase } from '../../src/kernel/db/client.ts'
import { migrateToLatest } from '../../src/kernel/db/migrate.ts'

const url = process.env.DATABASE_URL

test('two processes migrating one empty PostgreSQL database at once: both succeed, each migration runs once', { skip: !url && 'needs DATABASE_URL (runs in CI on PostgreSQL 15)' }, async () => {
  const name = `lakou_mig_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  const u = new URL(url!)
  u.pathname = `/${name}`
  const a = await openDatabase({ databaseUrl: u.toString(), poolMax: 2 })
  const b = await openDatabase({ databaseUrl: u.toString(), poolMax: 2 })
  try {
    const [ra, rb] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)])
    assert.equal(ra.version, rb.version)
    const all = [...ra.applied, ...rb.applied]
    assert.equal(new Set(all).size, all.length, 'no migration applied twice')
    const rows = (await sql<{ n: number }>`select count(*)::int n from schema_migrations`.execute(a.db)).rows
    assert.equal(rows[0]!.n, all.length)
  } finally {
    await a.close()
    await b.close()
    await admin.query(`drop database "${name}" with (force)`)
    await admin.end()
  }
})

test('the embedded data folder refuses a second live process and takes over a dead one\'s lock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-lock-'))
  const lock = path.join(dir, 'lakou.lock')
  // a live process that is not us holds it: refused with a clear message
  fs.writeFileSync(lock, String(process.ppid))
  assert.throws(() => acquireDirLock(dir), /in use by process \d+.*LAKOU_DATA_DIR/s)
  // a dead process left it behind (crash, SIGKILL): taken over
  fs.writeFileSync(lock, '999999999')
  const release = acquireDirLock(dir)
  assert.equal(fs.readFileSync(lock, 'utf8'), String(process.pid))
  release()
  assert.equal(fs.existsSync(lock), false)
})
