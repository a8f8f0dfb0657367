import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { editCatalog } from '../../flows/catalog-edit.ts'
import { AppError } from '../../kernel/errors.ts'
import { loadReferenceCodes, saveVariant, setVariantPrices, type ProductForEdit } from '../../modules/catalog/index.ts'
import type { FormValues } from '../../web/admin/catalog-kit.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { VariantPage, variantFormValues } from '../../web/admin/product-variant-page.tsx'
import { clearPageCaches } from '../pages/page-cache.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, formBody, sendAdmin } from './admin-kit.ts'
import { appErrorFields, pricesOf, productOr404, variantFieldsOf, versionOf, type Body } from './catalog-forms.ts'

const params = z.object({ id: z.string().min(1).max(64), variantId: z.string().min(1).max(64) })
const productParams = z.object({ id: z.string().min(1).max(64) })

const asValues = (b: Body): FormValues => Object.fromEntries(Object.entries(b).filter(([k]) => k !== '_csrf').map(([k, x]) => [k, Array.isArray(x) ? x.map(String) : String(x ?? '')]))

/** A product's variants: one form for the variant's fields and its prices, saved together or not at all. */
export function registerVariantRoutes(app: App, deps: RouteDeps): void {
  const variantOf = (product: ProductForEdit, id: string) => {
    const variant = product.variants.find((x) => x.id === id)
    if (!variant) throw new AppError('NOT_FOUND', 'Cette variante n’existe pas.')
    return variant
  }
  const page = async (req: FastifyRequest, reply: FastifyReply, product: ProductForEdit, variant: ProductForEdit['variants'][number] | null, values: FormValues, errors?: FormErrors, message?: string, status = 200) => {
    const codes = await loadReferenceCodes(req.ctx)
    const choices = { markets: codes.markets, exciseCategories: [...codes.exciseCategories], territories: [...codes.territories] }
    return sendAdmin(reply, h(VariantPage, { view: adminView(req, reply, deps), product, variant, values, choices, errors, message }), status)
  }

  const save = async (req: FastifyRequest, reply: FastifyReply, product: ProductForEdit, variant: ProductForEdit['variants'][number] | null) => {
    const body = formBody(req)
    const { markets } = await loadReferenceCodes(req.ctx)
    const prices = pricesOf(body, markets)
    const priceErrors: FormErrors = {}
    for (const [m, c] of Object.entries(prices.retail)) if (Number.isNaN(c)) priceErrors[`retail_${m}`] = 'Le prix : un montant en euros, ex. 12,50'
    if (Number.isNaN(prices.b2b)) priceErrors.b2b = 'Le prix : un montant en euros, ex. 12,50'
    if (Number.isNaN(prices.cost)) priceErrors.cost = 'Le prix : un montant en euros, ex. 12,50'
    try {
      if (Object.keys(priceErrors).length) throw new AppError('VALIDATION_FAILED', 'Prix invalides', Object.entries(priceErrors).map(([path, message]) => ({ path, message })))
      // fields and prices in one transaction: a refused price leaves the variant as it was
      await editCatalog(req.ctx, async (tx) => {
        const saved = await saveVariant(tx, { ...variantFieldsOf(body), productId: product.id, variantId: variant?.id ?? null, expectedVersion: versionOf(body) } as never)
        return setVariantPrices(tx, { variantId: saved.variantId, expectedVersion: saved.version, ...prices })
      }, (r) => [r.productId])
      clearPageCaches()
      return reply.redirect(`/admin/produits/${product.id}?ok=variant`, 303)
    } catch (err) {
      const values = asValues(body)
      if (err instanceof AppError && err.code === 'CONFLICT') {
        return page(req, reply, product, variant, { ...values, version: String(product.version) }, {}, 'Ce produit a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert : rien n’a été enregistré. Vérifiez la fiche produit, puis enregistrez à nouveau si vos saisies doivent l’emporter.', 409)
      }
      const errors = appErrorFields(err)
      if (!errors) throw err
      return page(req, reply, product, variant, values, errors, undefined, (err as AppError).status)
    }
  }

  app.get('/admin/produits/:id/variantes/nouvelle', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: productParams } }, async (req, reply) => {
    const product = await productOr404(req.ctx, req.params.id)
    return page(req, reply, product, null, { version: String(product.version), minOrderQty: '1', packSize: '1', leadTimeDays: '0', status: 'ACTIVE' })
  })
  app.post('/admin/produits/:id/variantes/nouvelle', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: productParams } }, async (req, reply) =>
    save(req, reply, await productOr404(req.ctx, req.params.id), null),
  )
  app.get('/admin/produits/:id/variantes/:variantId', { config: { permission: 'catalog.read' }, schema: { hide: true, params } }, async (req, reply) => {
    const product = await productOr404(req.ctx, req.params.id)
    const variant = variantOf(product, req.params.variantId)
    return page(req, reply, product, variant, variantFormValues(variant, product.version))
  })
  app.post('/admin/produits/:id/variantes/:variantId', { config: { permission: 'catalog.edit' }, schema: { hide: true, params } }, async (req, reply) => {
    const product = await productOr404(req.ctx, req.params.id)
    return save(req, reply, product, variantOf(product, req.params.variantId))
  })
}
