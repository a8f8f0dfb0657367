// Runs the test files with Node's own runner (Node 20 has no glob support in --test).
// Usage: node scripts/run-tests.mjs [unit|e2e] [extra files or folders]
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const kind = process.argv[2] === 'e2e' ? 'e2e' : 'unit'
const roots = process.argv.slice(3).length ? process.argv.slice(3) : kind === 'e2e' ? ['test/e2e'] : ['src', 'test']
const pattern = kind === 'e2e' ? /\.spec\.ts$/ : /\.test\.ts$/

function collect(p, out) {
  const st = fs.statSync(p)
  if (st.isFile()) return pattern.test(p) ? out.push(p) : undefined
  for (const e of fs.readdirSync(p).sort()) {
    if (e === 'node_modules') continue
    const full = path.join(p, e)
    if (kind === 'unit' && full === path.join('test', 'e2e')) continue
    collect(full, out)
  }
}
const files = []
for (const r of roots) collect(r, files)
if (!files.length) {
  console.error(`no ${kind} test files under ${roots.join(', ')}`)
  process.exit(1)
}
const concurrency = kind === 'e2e' ? '1' : process.env.TEST_CONCURRENCY ?? '2'
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit' })
process.exit(r.status ?? 1)
