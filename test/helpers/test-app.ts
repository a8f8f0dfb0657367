import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig, type Config } from '../../src/kernel/config.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import { buildApp, type App } from '../../src/http/app.ts'
import { testDatabase, type TestDbOptions } from './test-db.ts'

export const TEST_PUBLIC_URL = 'http://lakou.test'

export type TestApp = { app: App; database: Database; config: Config; close: () => Promise<void> }

/** The whole HTTP application on a fresh test database, driven with app.inject (no port). */
export async function testApp(opts: TestDbOptions & { env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await testDatabase(opts)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-app-'))
  const config = loadConfig({ LAKOU_DATA_DIR: dataDir, PUBLIC_URL: TEST_PUBLIC_URL, LOG_LEVEL: 'silent', PAGE_CACHE_SECONDS: '0', ...opts.env })
  const app = await buildApp(config, { database })
  await app.ready()
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close()
      await database.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
