import { sql } from 'kysely'
import type { Database } from '../../kernel/db/client.ts'
import { drawProducerSvg, drawProductSvg, paletteFor } from './draw-picture.ts'
import { deleteOrphanPictures, storePictures, type ImageStepOptions, type PicturePlan } from './store-pictures.ts'

export const PRODUCT_WIDTHS = [320, 640, 960] as const
export const PRODUCER_WIDTHS = [320, 640] as const
/** Products are 4:5 (a bottle stands up), producers 3:2 (a landscape). */
export const PRODUCT_ASPECT = 1.25
export const PRODUCER_ASPECT = 2 / 3

export type GenerateImagesResult = { products: number; producers: number; removed: number; ms: number }

/**
 * After-seed step: draws a picture for every product and producer that has none, or whose
 * picture we generated before (`products/…`, `producers/…` keys; uploaded pictures are left
 * alone, and so are the shared category pictures of synthetic products), renders it to
 * AVIF, WebP and JPEG, and links it. Idempotent: a re-run with the same drawing code finds
 * the files and rows in place and adds nothing.
 */
export async function generateDemoImages(database: Database, opts: ImageStepOptions): Promise<GenerateImagesResult> {
  const t0 = performance.now()
  const products = await sql<{ id: string; handle: string; name_fr: string; name_en: string; category_code: string; producer_name: string }>`
    select p.id, p.handle, p.name_fr, p.name_en, c.code as category_code, pr.trade_name as producer_name
      from products p
      join categories c on c.id = p.category_id
      join producers pr on pr.id = p.producer_id
     where not exists (select 1 from product_images pi join images i on i.id = pi.image_id
                        where pi.product_id = p.id and i.storage_key not like 'products/%')
     order by p.handle`.execute(database.db)
  const producers = await sql<{ id: string; slug: string; trade_name: string; commune: string | null; category_code: string | null }>`
    select pr.id, pr.slug, pr.trade_name, pr.commune,
           (select c.code from products p join categories c on c.id = p.category_id
             where p.producer_id = pr.id order by p.created_at, p.id limit 1) as category_code
      from producers pr
      left join images i on i.id = pr.image_id
     where pr.image_id is null or i.storage_key like 'producers/%'
     order by pr.slug`.execute(database.db)

  const productPlans: PicturePlan[] = products.rows.map((p) => ({
    keyBase: `products/${p.handle}`,
    svg: drawProductSvg({ handle: p.handle, name: p.name_fr, categoryCode: p.category_code, producerName: p.producer_name }),
    widths: PRODUCT_WIDTHS,
    aspect: PRODUCT_ASPECT,
    dominantColor: paletteFor(p.category_code).bg[1],
    alt: { fr: p.name_fr, en: p.name_en },
  }))
  const producerPlans: PicturePlan[] = producers.rows.map((p) => ({
    keyBase: `producers/${p.slug}`,
    svg: drawProducerSvg({ slug: p.slug, name: p.trade_name, commune: p.commune, categoryCode: p.category_code ?? 'gift_box' }),
    widths: PRODUCER_WIDTHS,
    aspect: PRODUCER_ASPECT,
    dominantColor: paletteFor(p.category_code ?? 'gift_box').bg[1],
    alt: { fr: p.trade_name, en: p.trade_name },
  }))
  opts.log?.info({ products: productPlans.length, producers: producerPlans.length, files: opts.images !== false }, 'generating pictures')

  const storedProducts = await storePictures(database, productPlans, opts, 'product')
  const storedProducers = await storePictures(database, producerPlans, opts, 'producer')

  const productIds = products.rows.map((p) => p.id)
  const keepKeys = storedProducts.map((s) => s.key)
  await database.db.transaction().execute(async (trx) => {
    if (productIds.length) {
      // a new drawing replaces the old one: unlink our earlier generated picture of these products
      await sql`delete from product_images pi using images i
                 where pi.image_id = i.id and pi.product_id = any(${productIds})
                   and i.storage_key like 'products/%' and not (i.storage_key = any(${keepKeys}))`.execute(trx)
      await sql`insert into product_images (product_id, image_id, position)
                select * from unnest(${productIds}::text[], ${storedProducts.map((s) => s.imageId)}::text[], array_fill(0, array[${productIds.length}]::int[]))
                on conflict do nothing`.execute(trx)
    }
    for (const [i, s] of storedProducers.entries()) {
      await sql`update producers set image_id = ${s.imageId} where id = ${producers.rows[i]!.id} and image_id is distinct from ${s.imageId}`.execute(trx)
    }
  })
  const removed = await deleteOrphanPictures(database, ['products', 'producers'], opts)
  const result = { products: storedProducts.length, producers: storedProducers.length, removed, ms: Math.round(performance.now() - t0) }
  opts.log?.info(result, 'pictures ready')
  return result
}
