// Times a few pages in process (no HTTP client): node --import tsx scripts/profile-page.ts <url>…
import { loadConfig } from '../src/kernel/config.ts'
import { openConfiguredDatabase } from '../src/kernel/db/open-from-config.ts'
import { buildApp } from '../src/http/app.ts'

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', LAKOU_SEED: 'never' })
const database = await openConfiguredDatabase(config)
const app = await buildApp(config, { database })
for (const url of process.argv.slice(2)) {
  const times: number[] = []
  let status = 0
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now()
    const r = await app.inject(url)
    status = r.statusCode
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  console.log(status, url.slice(0, 60), 'p50', times[15]!.toFixed(1), 'ms  p90', times[27]!.toFixed(1), 'ms')
}
await app.close()
await database.close()
