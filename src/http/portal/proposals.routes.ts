import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { uploadImage } from '../../modules/media/index.ts'
import { getOwnProduct, listOwnProposals, proposeContent } from '../../modules/portal/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { PortalProposalsPage, PortalProposePage, type ProposalFormValues } from '../../web/portal/portal-proposal-pages.tsx'
import { flashOf, formBody } from '../admin/admin-kit.ts'
import { str } from '../admin/catalog-forms.ts'
import { readUpload } from '../plugins/multipart.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { notFound, portalView, sendPortal } from './portal-kit.ts'
import { scopeOf } from './portal-session.ts'

const idParams = z.object({ id: z.string().min(1).max(64) })
const FLASH = { sent: 'Merci : votre proposition est envoyée à l’équipe.' }
const TEXT_KEYS = ['name_fr', 'name_en', 'description_fr', 'description_en', 'message'] as const
const altText = z.string().trim().min(1, 'Décrivez la photo en quelques mots.').max(300, 'La description de la photo : 300 caractères au plus.')
const photoFields = z.object({ alt_fr: altText, alt_en: altText })

/** Content proposals: the producer proposes texts or one photo for one of its own products. */
export function registerPortalProposalRoutes(app: App, deps: RouteDeps): void {
  // the scoped read comes first: another producer's product is a 404 before anything is read or stored
  const ownProduct = async (req: FastifyRequest, id: string) => {
    const product = await getOwnProduct(req.ctx, scopeOf(req), id)
    if (!product) throw notFound('Ce produit')
    return product
  }
  const page = async (req: FastifyRequest, reply: FastifyReply, product: Awaited<ReturnType<typeof ownProduct>>, extra: { values?: ProposalFormValues; errors?: FormErrors; photoErrors?: FormErrors } = {}, status = 200) =>
    sendPortal(reply, h(PortalProposePage, {
      view: portalView(req, reply, deps), product, proposals: await listOwnProposals(req.ctx, scopeOf(req), { productId: product.id }), flash: flashOf(req, FLASH), ...extra,
    }), status)

  app.get('/portail/propositions', { schema: { hide: true } }, async (req, reply) =>
    sendPortal(reply, h(PortalProposalsPage, { view: portalView(req, reply, deps), proposals: await listOwnProposals(req.ctx, scopeOf(req)) })),
  )

  app.get('/portail/produits/:id/proposer', { schema: { hide: true, params: idParams } }, async (req, reply) => page(req, reply, await ownProduct(req, req.params.id)))

  app.post('/portail/produits/:id/proposer', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const product = await ownProduct(req, req.params.id)
    const body = formBody(req)
    const values: ProposalFormValues = Object.fromEntries(TEXT_KEYS.map((k) => [k, str(body, k)]))
    try {
      await proposeContent(req.ctx, scopeOf(req), { productId: product.id, producerUserId: req.producerSession!.user.id, texts: values })
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err
      return page(req, reply, product, { values, errors: fieldErrors(err) }, 400)
    }
    return reply.redirect(`/portail/produits/${product.id}/proposer?ok=sent`, 303)
  })

  app.post('/portail/produits/:id/proposer/photo', { config: { upload: true }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const product = await ownProduct(req, req.params.id)
    const fields = formBody(req)
    const values: ProposalFormValues = { alt_fr: str(fields, 'alt_fr'), alt_en: str(fields, 'alt_en') }
    const alt = photoFields.safeParse(values)
    if (!alt.success) {
      const photoErrors: FormErrors = {}
      for (const i of alt.error.issues) photoErrors[String(i.path[0])] ??= i.message
      return page(req, reply, product, { values, photoErrors }, 400)
    }
    try {
      const upload = await readUpload(req)
      const image = await uploadImage(req.ctx, { dataDir: deps.config.dataDir, bytes: upload.bytes, filename: upload.filename, alt: { fr: alt.data.alt_fr, en: alt.data.alt_en } })
      await proposeContent(req.ctx, scopeOf(req), { productId: product.id, producerUserId: req.producerSession!.user.id, imageIds: [image.id] })
    } catch (err) {
      if (!(err instanceof AppError) || !(err.code.startsWith('MEDIA_') || err.code === 'VALIDATION_FAILED')) throw err
      return page(req, reply, product, { values, photoErrors: { file: err.message } }, err.status)
    }
    return reply.redirect(`/portail/produits/${product.id}/proposer?ok=sent`, 303)
  })
}

function fieldErrors(err: AppError): FormErrors {
  const fields = (err.details as { fields?: Record<string, string> } | undefined)?.fields
  return fields && Object.keys(fields).length ? fields : { form: err.message }
}
