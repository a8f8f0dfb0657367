import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { PROJECT_ROOT } from '../../kernel/config.ts'
import { systemCtx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { reindex } from './reindex.ts'
import { replaceSynonymGroups } from './synonyms.ts'

const SynonymsFile = z.object({ synonyms: z.object({ fr: z.array(z.array(z.string())), en: z.array(z.array(z.string())) }) })

/**
 * After-seed step of the demo market: loads the synonym groups of data/seed/categories.json
 * (key "synonyms") into search_synonyms, then builds the whole index.
 */
export async function indexDemoSearch(database: Database, file = path.join(PROJECT_ROOT, 'data', 'seed', 'categories.json')): Promise<void> {
  const { synonyms } = SynonymsFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')))
  const ctx = systemCtx(database.db, 'seed:search')
  await replaceSynonymGroups(ctx, 'fr', synonyms.fr)
  await replaceSynonymGroups(ctx, 'en', synonyms.en)
  await reindex(ctx)
}
