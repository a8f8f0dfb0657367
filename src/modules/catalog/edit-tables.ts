import type { Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import { catalogDb } from './tables.ts'

// What the editing use cases see beyond tables.ts: the version columns added by migration 0012,
// and the reference codes a product points to. Those tables belong to tax (VAT and excise
// categories, territories) and shipping (classes), which sit beside or above catalog: catalog
// only checks that a code exists, read-only, as the foreign keys of 0001 already tie them.
export type CodesReadModel = { code: string }
export type MarketsReadModel = { code: string; is_market: boolean }

export type CatalogEditTables = {
  categories: { version: Generated<number> }
  collections: { version: Generated<number> }
  vat_categories: CodesReadModel
  excise_categories: CodesReadModel
  territories: MarketsReadModel
}

/** The catalog module's tables plus the editing columns and reference codes. */
export const catalogEditDb = (db: Db) => catalogDb(db).withTables<CatalogEditTables>()
