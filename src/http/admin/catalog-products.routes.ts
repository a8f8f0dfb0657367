import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { createProductAndIndex, updateProductAndIndex } from '../../flows/save-product.ts'
import { setProductStatusAndIndex } from '../../flows/set-product-status.ts'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import {
  AdminProductListInput, attachProductImage, detachProductImage, listAdminCategories, listAdminProducts, listProductPictures,
  loadReferenceCodes, reorderProductImages, type ProductForEdit,
} from '../../modules/catalog/index.ts'
import { uploadImage } from '../../modules/media/index.ts'
import { listProducerRefs } from '../../modules/producers/index.ts'
import type { FormValues } from '../../web/admin/catalog-kit.tsx'
import { ProductEditPage, productFormValues, type ProductChoices, type ProductEditProps } from '../../web/admin/product-edit-page.tsx'
import { ProductListPage } from '../../web/admin/product-list-page.tsx'
import { readUpload } from '../plugins/multipart.ts'
import { clearPageCaches } from '../pages/page-cache.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, many, sendAdmin } from './admin-kit.ts'
import { appErrorFields, productFieldsOf, productOr404, str, versionOf, type Body } from './catalog-forms.ts'
import { registerVariantRoutes } from './catalog-variants.routes.ts'

const FLASH = {
  created: 'Le produit est créé (brouillon). Ajoutez une variante, ses prix et une photo, puis mettez-le en vente.',
  saved: 'Les modifications sont enregistrées.',
  status: 'Le statut du produit a changé.',
  photo: 'La photo est ajoutée en première position.',
  removed: 'La photo est retirée du produit.',
  reordered: 'L’ordre des photos est enregistré.',
  variant: 'La variante et ses prix sont enregistrés.',
}
const idParams = z.object({ id: z.string().min(1).max(64) })
const pictureParams = idParams.extend({ imageId: z.string().min(1).max(64) })

/** What the product form picks from: producers, categories (indented by depth), reference codes. */
export async function productChoices(ctx: Ctx): Promise<ProductChoices> {
  const [producers, categories, codes] = await Promise.all([listProducerRefs(ctx), listAdminCategories(ctx), loadReferenceCodes(ctx)])
  return {
    producers: producers.map((p) => ({ value: p.id, label: p.tradeName })),
    categories: categories.map((c) => ({ value: c.id, label: `${'— '.repeat(c.depth)}${c.name.fr}` })),
    vatCategories: [...codes.vatCategories], shippingClasses: [...codes.shippingClasses], territories: [...codes.territories], labels: [...codes.labels], markets: codes.markets,
  }
}

const asValues = (b: Body): FormValues => Object.fromEntries(Object.entries(b).filter(([k]) => k !== '_csrf').map(([k, x]) => [k, Array.isArray(x) ? x.map(String) : String(x ?? '')]))

/** The product catalogue screens: list, creation, edit form, status, pictures (variants: catalog-variants.routes.ts). */
export function registerCatalogProductRoutes(app: App, deps: RouteDeps): void {
  const page = async (req: FastifyRequest, reply: FastifyReply, product: ProductForEdit | null, extra: Partial<ProductEditProps> = {}, status = 200) => {
    const [choices, pictures] = await Promise.all([productChoices(req.ctx), product ? listProductPictures(req.ctx, product.id) : []])
    const values = extra.values ?? (product ? productFormValues(product) : {})
    return sendAdmin(reply, h(ProductEditPage, { view: adminView(req, reply, deps), product, pictures, choices, flash: flashOf(req, FLASH), ...extra, values }), status)
  }

  app.get('/admin/produits', { config: { permission: 'catalog.read' }, schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>
    const query = { q: q.q, status: q.statut, categoryId: q.categorie, producerId: q.producteur, sort: q.sort, dir: q.dir, page: q.page }
    const parsed = AdminProductListInput.safeParse(query)
    const input = parsed.success ? parsed.data : AdminProductListInput.parse({})
    const [result, choices] = await Promise.all([listAdminProducts(req.ctx, input), productChoices(req.ctx)])
    const shown = parsed.success ? q : {}
    const state = { path: '/admin/produits', query: { q: shown.q, statut: shown.statut, categorie: shown.categorie, producteur: shown.producteur, sort: shown.sort, dir: shown.dir }, sort: input.sort, dir: input.dir ?? (input.sort === 'name' || input.sort === 'price' ? 'asc' as const : 'desc' as const) }
    return sendAdmin(reply, h(ProductListPage, {
      view: adminView(req, reply, deps), rows: result.rows, total: result.total, page: result.page, pageSize: result.pageSize, state,
      filters: { q: shown.q, statut: shown.statut, categorie: shown.categorie, producteur: shown.producteur }, categories: choices.categories, producers: choices.producers,
      invalid: !parsed.success, flash: flashOf(req, FLASH),
    }), parsed.success ? 200 : 400)
  })

  app.get('/admin/produits/nouveau', { config: { permission: 'catalog.edit' }, schema: { hide: true } }, async (req, reply) => page(req, reply, null))

  app.post('/admin/produits/nouveau', { config: { permission: 'catalog.edit' }, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    try {
      const saved = await createProductAndIndex(req.ctx, { ...productFieldsOf(body), status: 'DRAFT' })
      clearPageCaches()
      return reply.redirect(`/admin/produits/${saved.productId}?ok=created`, 303)
    } catch (err) {
      const errors = appErrorFields(err)
      if (!errors) throw err
      return page(req, reply, null, { values: asValues(body), errors }, (err as AppError).status)
    }
  })

  app.get('/admin/produits/:id', { config: { permission: 'catalog.read' }, schema: { hide: true, params: idParams } }, async (req, reply) =>
    page(req, reply, await productOr404(req.ctx, req.params.id)),
  )

  app.post('/admin/produits/:id', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const product = await productOr404(req.ctx, req.params.id)
    const body = formBody(req)
    try {
      // food information has no form field yet: it is kept as stored (the version check makes it the one the editor loaded)
      await updateProductAndIndex(req.ctx, { ...productFieldsOf(body), productId: product.id, expectedVersion: versionOf(body), foodInformation: product.food_information as never })
      clearPageCaches()
      return reply.redirect(`/admin/produits/${product.id}?ok=saved`, 303)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') {
        // nothing was written: the typed values stay, the other person's are shown, the next save is deliberate
        return page(req, reply, product, { values: { ...asValues(body), version: String(product.version) }, conflict: product, message: err.message }, 409)
      }
      const errors = appErrorFields(err)
      if (!errors) throw err
      return page(req, reply, product, { values: { ...asValues(body), labels: many(body.labels) }, errors }, (err as AppError).status)
    }
  })

  app.post('/admin/produits/:id/statut', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const product = await productOr404(req.ctx, req.params.id)
    const body = formBody(req)
    try {
      await setProductStatusAndIndex(req.ctx, { productId: product.id, expectedVersion: versionOf(body), status: str(body, 'status') as 'ACTIVE' })
      clearPageCaches()
      return reply.redirect(`/admin/produits/${product.id}?ok=status#statut`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'CONFLICT' && err.code !== 'VALIDATION_FAILED')) throw err
      const statusError = err.code === 'CONFLICT' ? 'Ce produit a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert : vérifiez la version affichée puis recommencez.' : (Object.values(appErrorFields(err) ?? {})[0] ?? err.message)
      return page(req, reply, product, { statusError }, err.status)
    }
  })

  app.post('/admin/produits/:id/photos', { config: { permission: 'media.upload', upload: true }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const product = await productOr404(req.ctx, req.params.id)
    const body = formBody(req)
    const alt = { fr: str(body, 'alt_fr'), en: str(body, 'alt_en') }
    try {
      const upload = await readUpload(req)
      const image = await uploadImage(req.ctx, { dataDir: deps.config.dataDir, bytes: upload.bytes, filename: upload.filename, alt })
      await attachProductImage(req.ctx, { productId: product.id, imageId: image.id, position: 0 })
      clearPageCaches()
      return reply.redirect(`/admin/produits/${product.id}?ok=photo#photos`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err
      return page(req, reply, product, { upload: { error: err.message, alt_fr: alt.fr, alt_en: alt.en } }, err.status)
    }
  })

  app.post('/admin/produits/:id/photos/:imageId/premiere', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: pictureParams } }, async (req, reply) => {
    const product = await productOr404(req.ctx, req.params.id)
    const seen = many(formBody(req).order)
    if (!seen.includes(req.params.imageId)) throw new AppError('NOT_FOUND', 'Ce produit ne montre pas cette image.')
    try {
      await reorderProductImages(req.ctx, { productId: product.id, imageIds: [req.params.imageId, ...seen.filter((x) => x !== req.params.imageId)] })
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return page(req, reply, product, { upload: { error: err.message } }, 409)
      throw err
    }
    clearPageCaches()
    return reply.redirect(`/admin/produits/${product.id}?ok=reordered#photos`, 303)
  })

  app.post('/admin/produits/:id/photos/:imageId/retirer', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: pictureParams } }, async (req, reply) => {
    const product = await productOr404(req.ctx, req.params.id)
    await detachProductImage(req.ctx, { productId: product.id, imageId: req.params.imageId })
    clearPageCaches()
    return reply.redirect(`/admin/produits/${product.id}?ok=removed#photos`, 303)
  })

  registerVariantRoutes(app, deps)
}
