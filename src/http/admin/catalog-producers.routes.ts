import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { updateProducerStoryAndCaches } from '../../flows/update-producer-story.ts'
import { AppError } from '../../kernel/errors.ts'
import { clearCatalogCache } from '../../modules/catalog/index.ts'
import { uploadImage } from '../../modules/media/index.ts'
import { getProducerForEdit, listProducerRefs, setProducerImage, type ProducerForEdit } from '../../modules/producers/index.ts'
import type { FormValues } from '../../web/admin/catalog-kit.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { ProducerEditPage, producerFormValues, ProducerListPage } from '../../web/admin/producer-pages.tsx'
import { readUpload } from '../plugins/multipart.ts'
import { clearPageCaches } from '../pages/page-cache.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, sendAdmin } from './admin-kit.ts'
import { appErrorFields, str, versionOf } from './catalog-forms.ts'
import { registerProducerBankRoutes } from './producer-bank.routes.ts'

const FLASH = { saved: 'L’histoire est enregistrée.', photo: 'Le portrait est remplacé.' }
const idParams = z.object({ id: z.string().min(1).max(64) })

/** Producers: the list and each one's story editor (fr/en) with its portrait, and their bank account. */
export function registerCatalogProducerRoutes(app: App, deps: RouteDeps): void {
  registerProducerBankRoutes(app, deps)
  const producerOr404 = async (req: FastifyRequest, id: string) => {
    const producer = await getProducerForEdit(req.ctx, id)
    if (!producer) throw new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
    return producer
  }
  const page = (req: FastifyRequest, reply: FastifyReply, producer: ProducerForEdit, extra: { values?: FormValues; errors?: FormErrors; message?: string; uploadError?: string } = {}, status = 200) =>
    sendAdmin(reply, h(ProducerEditPage, { view: adminView(req, reply, deps), producer, values: extra.values ?? producerFormValues(producer), errors: extra.errors, message: extra.message, uploadError: extra.uploadError, flash: flashOf(req, FLASH) }), status)

  app.get('/admin/producteurs', { config: { permission: 'catalog.read' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(ProducerListPage, { view: adminView(req, reply, deps), producers: await listProducerRefs(req.ctx) })),
  )
  app.get('/admin/producteurs/:id', { config: { permission: 'catalog.read' }, schema: { hide: true, params: idParams } }, async (req, reply) =>
    page(req, reply, await producerOr404(req, req.params.id)),
  )
  app.post('/admin/producteurs/:id', { config: { permission: 'catalog.edit' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const producer = await producerOr404(req, req.params.id)
    const body = formBody(req)
    const values = { version: str(body, 'version'), story_fr: str(body, 'story_fr'), story_en: str(body, 'story_en'), tagline_fr: str(body, 'tagline_fr'), tagline_en: str(body, 'tagline_en') }
    try {
      await updateProducerStoryAndCaches(req.ctx, {
        producerId: producer.id, expectedVersion: versionOf(body),
        story: { fr: values.story_fr, en: values.story_en }, tagline: { fr: values.tagline_fr, en: values.tagline_en },
      })
      clearPageCaches()
      return reply.redirect(`/admin/producteurs/${producer.id}?ok=saved`, 303)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') {
        return page(req, reply, producer, { values, message: 'Ce producteur a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert : rien n’a été enregistré. Rechargez la page pour voir sa version ; vos saisies sont conservées ci-dessous.' }, 409)
      }
      const errors = appErrorFields(err)
      if (!errors) throw err
      return page(req, reply, producer, { values, errors }, (err as AppError).status)
    }
  })
  app.post('/admin/producteurs/:id/photo', { config: { permission: 'media.upload', upload: true }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const producer = await producerOr404(req, req.params.id)
    const body = formBody(req)
    try {
      const upload = await readUpload(req)
      const image = await uploadImage(req.ctx, { dataDir: deps.config.dataDir, bytes: upload.bytes, filename: upload.filename, alt: { fr: str(body, 'alt_fr'), en: str(body, 'alt_en') } })
      await setProducerImage(req.ctx, { producerId: producer.id, imageId: image.id })
      clearCatalogCache()
      clearPageCaches()
      return reply.redirect(`/admin/producteurs/${producer.id}?ok=photo#photo`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err
      return page(req, reply, producer, { uploadError: err.message }, err.status)
    }
  })
}
