import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PROJECT_ROOT } from '../../src/kernel/config.ts'

// `npm start` as a newcomer runs it: a real process on the embedded database in a fresh data folder.
type Started = { child: ChildProcess; lines: string[]; url: string }

function start(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', LAKOU_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 180 s:\n${lines.join('\n')}`)), 180_000)
    const onData = (buf: Buffer) => {
      for (const line of buf.toString().split('\n').filter(Boolean)) {
        lines.push(line)
        const m = line.match(/"address":"(http:\/\/127\.0\.0\.1:\d+)"/)
        if (m) {
          clearTimeout(timer)
          resolve({ child, lines, url: m[1]! })
        }
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(Object.assign(new Error(`exited with ${code}:\n${lines.join('\n')}`), { code, lines }))
    })
  })
}

const stop = (s: Started) =>
  new Promise<number | null>((resolve) => {
    s.child.removeAllListeners('exit')
    s.child.on('exit', (code) => resolve(code))
    s.child.kill('SIGTERM')
  })

test('first start seeds the demo market; a second start reuses the data folder without re-seeding; SIGTERM stops cleanly', { skip: Boolean(process.env.DATABASE_URL) && 'embedded mode only' }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-start-'))
  const first = await start(dataDir)
  assert.ok(first.lines.some((l) => l.includes('demo market loaded')), 'first start loads the demo market')
  const health = await (await fetch(`${first.url}/health`)).json()
  assert.equal(health.database.kind, 'pglite')
  // the demo administrator's password is printed once, and opens the back office
  const shown = first.lines.map((l) => /"email":"admin@lakou\.example","password":"([^"]+)"/.exec(l)).find(Boolean)
  assert.ok(shown, 'the first start prints the demo administrator account')
  const page = await fetch(`${first.url}/admin/connexion`)
  const csrfCookie = /lakou_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!
  const signIn = await fetch(`${first.url}/admin/connexion`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lakou_csrf=${csrfCookie}` },
    body: new URLSearchParams({ _csrf: token, email: 'admin@lakou.example', password: shown[1]! }).toString(),
  })
  assert.equal(signIn.status, 303)
  assert.match(signIn.headers.get('set-cookie') ?? '', /lakou_staff=/)
  // and the demo producer's portal account, printed once too, opens the producer portal
  const portal = first.lines.map((l) => /"email":"portail@lakou\.example","password":"([^"]+)"/.exec(l)).find(Boolean)
  assert.ok(portal, 'the first start prints the demo producer portal account')
  const portalPage = await fetch(`${first.url}/portail/connexion`)
  const portalCsrf = /lakou_csrf=([^;]+)/.exec(portalPage.headers.get('set-cookie') ?? '')![1]
  const portalToken = /name="_csrf" value="([^"]+)"/.exec(await portalPage.text())![1]!
  const portalSignIn = await fetch(`${first.url}/portail/connexion`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lakou_csrf=${portalCsrf}` },
    body: new URLSearchParams({ _csrf: portalToken, email: 'portail@lakou.example', password: portal[1]! }).toString(),
  })
  assert.equal(portalSignIn.status, 303)
  assert.match(portalSignIn.headers.get('set-cookie') ?? '', /lakou_producer=/)

  // a second process on the same folder is refused while the first runs
  await assert.rejects(start(dataDir), (e: Error) => /in use by process/.test(e.message))

  assert.equal(await stop(first), 0, 'graceful shutdown exits 0')
  const second = await start(dataDir)
  assert.ok(!second.lines.some((l) => l.includes('demo market loaded')), 'second start does not re-seed')
  assert.ok(!second.lines.some((l) => l.includes('"password"')), 'nor prints a password again')
  const h2 = await (await fetch(`${second.url}/health`)).json()
  assert.equal(h2.status, 'ok')
  assert.equal(await stop(second), 0)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

test('a bad configuration value stops the start with a clear message and exit code 2', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: 'not-a-port' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stderr.on('data', (b) => (out += b))
  const code = await new Promise((r) => child.on('exit', r))
  assert.equal(code, 2)
  assert.match(out, /PORT/)
  assert.doesNotMatch(out, /at .*\.ts:\d+/, 'no stack trace')
})
