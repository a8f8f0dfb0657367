import type { Db } from '../../kernel/db/client.ts'

export type ShippingClassesTable = { code: string; label_fr: string; label_en: string; rules: string[]; allowed_zones: string[] }

export type ShippingTables = { shipping_classes: ShippingClassesTable }

export const shippingDb = (db: Db) => db.withTables<ShippingTables>()
