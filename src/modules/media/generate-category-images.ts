import { sql } from 'kysely'
import type { Database } from '../../kernel/db/client.ts'
import { drawProductSvg, paletteFor } from './draw-picture.ts'
import { PRODUCT_ASPECT, PRODUCT_WIDTHS } from './generate-demo-images.ts'
import { storePictures, type ImageStepOptions, type PicturePlan } from './store-pictures.ts'

/**
 * One picture per leaf category (its name drawn on its packaging), for large synthetic
 * catalogues: 100,000 products cannot each get rendered files in a few minutes, and a
 * shared, honestly labelled category picture keeps pages realistic (alt = category name).
 * Returns category id → image id. Idempotent like every image step.
 */
export async function generateCategoryImages(database: Database, opts: ImageStepOptions): Promise<Map<string, string>> {
  const cats = await sql<{ id: string; code: string; name_fr: string; name_en: string }>`
    select c.id, c.code, c.name_fr, c.name_en from categories c
     where not exists (select 1 from categories k where k.parent_id = c.id)
     order by c.code`.execute(database.db)
  const plans: PicturePlan[] = cats.rows.map((c) => ({
    keyBase: `categories/${c.code.replace(/[^a-z0-9]+/g, '-')}`,
    svg: drawProductSvg({ handle: c.code, name: c.name_fr, categoryCode: c.code, producerName: 'Lakou' }),
    widths: PRODUCT_WIDTHS,
    aspect: PRODUCT_ASPECT,
    dominantColor: paletteFor(c.code).bg[1],
    alt: { fr: c.name_fr, en: c.name_en },
  }))
  const stored = await storePictures(database, plans, opts, 'category')
  return new Map(stored.map((s, i) => [cats.rows[i]!.id, s.imageId]))
}
