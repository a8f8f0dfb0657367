import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { editCatalog } from '../../flows/catalog-edit.ts'
import { saveCategoryAndIndex } from '../../flows/save-category.ts'
import { AppError } from '../../kernel/errors.ts'
import { findProductsByRefs, listAdminCategories, listAdminCollections, saveCollection, setCollectionProducts, type AdminCategory, type AdminCollection } from '../../modules/catalog/index.ts'
import type { FormValues } from '../../web/admin/catalog-kit.tsx'
import { CategoryEditPage, categoryFormValues, CategoryListPage } from '../../web/admin/category-pages.tsx'
import { CollectionEditPage, collectionFormValues, CollectionListPage } from '../../web/admin/collection-pages.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { clearPageCaches } from '../pages/page-cache.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, sendAdmin } from './admin-kit.ts'
import { appErrorFields, checked, decimalOf, str, versionOf, type Body } from './catalog-forms.ts'

const FLASH = { saved: 'Les modifications sont enregistrées.', created: 'La fiche est créée.' }
const idParams = z.object({ id: z.string().min(1).max(64) })
const CONFLICT_MESSAGE = 'Cette fiche a été modifiée par quelqu’un d’autre depuis que vous l’avez ouverte : rien n’a été enregistré. Rechargez la page pour voir la dernière version ; vos saisies sont conservées ci-dessous.'

const asValues = (b: Body): FormValues => Object.fromEntries(Object.entries(b).filter(([k]) => k !== '_csrf').map(([k, x]) => [k, Array.isArray(x) ? x.map(String) : String(x ?? '')]))
const texts = (b: Body) => ({
  name: { fr: str(b, 'name_fr'), en: str(b, 'name_en') },
  slugs: { fr: str(b, 'slugs_fr') || null, en: str(b, 'slugs_en') || null },
  description: { fr: str(b, 'description_fr') || null, en: str(b, 'description_en') || null },
  position: decimalOf(str(b, 'position')),
})

/** Form errors of a refused save (CONFLICT as a message), or null for an unexpected error. */
function refusal(err: unknown): { errors: FormErrors; message?: string; status: number } | null {
  if (err instanceof AppError && err.code === 'CONFLICT') return { errors: {}, message: CONFLICT_MESSAGE, status: 409 }
  const errors = appErrorFields(err)
  return errors ? { errors, status: (err as AppError).status } : null
}

/** Categories and collections: lists, creation and edit forms (French and English side by side). */
export function registerCatalogTaxonomyRoutes(app: App, deps: RouteDeps): void {
  const categoryOr404 = async (req: FastifyRequest, id: string) => {
    const all = await listAdminCategories(req.ctx)
    const category = all.find((c) => c.id === id)
    if (!category) throw new AppError('NOT_FOUND', 'Cette catégorie n’existe pas.')
    return { all, category }
  }
  const categoryPage = async (req: FastifyRequest, reply: FastifyReply, category: AdminCategory | null, values: FormValues, errors?: FormErrors, message?: string, status = 200) =>
    sendAdmin(reply, h(CategoryEditPage, { view: adminView(req, reply, deps), category, categories: await listAdminCategories(req.ctx), values, errors, message, flash: flashOf(req, FLASH) }), status)
  const saveCategoryForm = async (req: FastifyRequest, reply: FastifyReply, category: AdminCategory | null) => {
    const body = formBody(req)
    try {
      const saved = await saveCategoryAndIndex(req.ctx, { ...texts(body), categoryId: category?.id ?? null, expectedVersion: category ? versionOf(body) : null, parentId: str(body, 'parentId') || null, code: str(body, 'code') || null })
      clearPageCaches()
      return reply.redirect(`/admin/categories/${saved.categoryId}?ok=${category ? 'saved' : 'created'}`, 303)
    } catch (err) {
      const r = refusal(err)
      if (!r) throw err
      return categoryPage(req, reply, category, asValues(body), r.errors, r.message, r.status)
    }
  }

  app.get('/admin/categories', { config: { permission: 'catalog.read' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(CategoryListPage, { view: adminView(req, reply, deps), categories: await listAdminCategories(req.ctx), flash: flashOf(req, FLASH) })),
  )
  app.get('/admin/categories/nouvelle', { config: { permission: 'catalog.edit' }, schema: { hide: true } }, async (req, reply) => categoryPage(req, reply, null, {}))
  app.post('/admin/categories/nouvelle', { config: { permission: 'catalog.edit' }, schema: { hide: true } }, async (req, reply) => saveCategoryForm(req, reply, null))
  app.get('/admin/categories/:id', { config: { permission: 'catalog.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const { category } = await categoryOr404(req, req.params.id)
    return categoryPage(req, reply, category, categoryFormValues(category))
  })
  app.post('/admin/categories/:id', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: idParams } }, async (req, reply) =>
    saveCategoryForm(req, reply, (await categoryOr404(req, req.params.id)).category),
  )

  const collectionOr404 = async (req: FastifyRequest, id: string) => {
    const [collection] = await listAdminCollections(req.ctx, { id })
    if (!collection) throw new AppError('NOT_FOUND', 'Cette collection n’existe pas.')
    return collection
  }
  const collectionPage = (req: FastifyRequest, reply: FastifyReply, collection: AdminCollection | null, values: FormValues, errors?: FormErrors, message?: string, status = 200) =>
    sendAdmin(reply, h(CollectionEditPage, { view: adminView(req, reply, deps), collection, values, errors, message, flash: flashOf(req, FLASH) }), status)
  const saveCollectionForm = async (req: FastifyRequest, reply: FastifyReply, collection: AdminCollection | null) => {
    const body = formBody(req)
    const refs = str(body, 'products').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
    try {
      const found = await findProductsByRefs(req.ctx, refs)
      const unknown = refs.filter((r) => !found.get(r))
      if (unknown.length) throw new AppError('VALIDATION_FAILED', 'Produits inconnus', [{ path: 'products', message: `Aucun produit n’a cette référence ou ce SKU : ${unknown.slice(0, 20).join(', ')}` }])
      // texts and products in one transaction: a refusal leaves the collection as it was
      const saved = await editCatalog(req.ctx, async (tx) => {
        const c = await saveCollection(tx, { ...texts(body), featured: checked(body, 'featured'), collectionId: collection?.id ?? null, expectedVersion: collection ? versionOf(body) : null })
        return setCollectionProducts(tx, { collectionId: c.collectionId, expectedVersion: c.version, productIds: refs.map((r) => found.get(r)!) })
      }, () => [])
      clearPageCaches()
      return reply.redirect(`/admin/collections/${saved.collectionId}?ok=${collection ? 'saved' : 'created'}`, 303)
    } catch (err) {
      const r = refusal(err)
      if (!r) throw err
      return collectionPage(req, reply, collection, asValues(body), r.errors, r.message, r.status)
    }
  }

  app.get('/admin/collections', { config: { permission: 'catalog.read' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(CollectionListPage, { view: adminView(req, reply, deps), collections: await listAdminCollections(req.ctx), flash: flashOf(req, FLASH) })),
  )
  app.get('/admin/collections/nouvelle', { config: { permission: 'catalog.edit' }, schema: { hide: true } }, async (req, reply) => collectionPage(req, reply, null, {}))
  app.post('/admin/collections/nouvelle', { config: { permission: 'catalog.edit' }, schema: { hide: true } }, async (req, reply) => saveCollectionForm(req, reply, null))
  app.get('/admin/collections/:id', { config: { permission: 'catalog.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const collection = await collectionOr404(req, req.params.id)
    return collectionPage(req, reply, collection, collectionFormValues(collection))
  })
  app.post('/admin/collections/:id', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: idParams } }, async (req, reply) =>
    saveCollectionForm(req, reply, await collectionOr404(req, req.params.id)),
  )
}
