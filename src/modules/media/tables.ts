import type { Db } from '../../kernel/db/client.ts'
import type { ImagesTable, ProductImagesTable } from '../catalog/tables.ts'
import type { ProducersTable } from '../producers/tables.ts'

// `images` and `product_images` are declared in catalog/tables.ts (schema 0001 put them with
// the catalogue); media writes them and points producers.image_id at them. Types only are
// borrowed here, so a column change in catalog/tables.ts shows up as a compile error in media.
export type MediaTables = {
  images: ImagesTable
  product_images: ProductImagesTable
  producers: ProducersTable
}

export const mediaDb = (db: Db) => db.withTables<MediaTables>()
