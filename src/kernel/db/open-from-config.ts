import path from 'node:path'
import type { Config } from '../config.ts'
import { openDatabase, type Database } from './client.ts'

/** The database of a running Lakou: PostgreSQL when DATABASE_URL is set, else PGlite in LAKOU_DATA_DIR/pglite. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), poolMax: config.dbPoolMax })
}
