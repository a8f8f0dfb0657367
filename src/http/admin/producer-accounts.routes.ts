import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { createProducerUser, deactivateProducerUser, listProducerUsers } from '../../modules/producer-accounts/index.ts'
import { getProducerForEdit, type ProducerForEdit } from '../../modules/producers/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { ProducerAccountsPage } from '../../web/admin/producer-accounts-page.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, sendAdmin } from './admin-kit.ts'
import { str } from './catalog-forms.ts'

const idParams = z.object({ id: z.string().min(1).max(64) })
const userParams = z.object({ id: z.string().min(1).max(64), userId: z.string().min(1).max(64) })
const FLASH = { off: 'Le compte est désactivé et ses sessions sont fermées.' }

/** A producer's portal accounts: list (supply.read), create and deactivate (supply.manage). */
export function registerProducerAccountRoutes(app: App, deps: RouteDeps): void {
  const producerOr404 = async (req: FastifyRequest, id: string) => {
    const producer = await getProducerForEdit(req.ctx, id)
    if (!producer) throw new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
    return producer
  }
  const page = async (req: FastifyRequest, reply: FastifyReply, producer: ProducerForEdit, extra: { values?: { name: string; email: string }; errors?: FormErrors; created?: { email: string; password: string | null } } = {}, status = 200) =>
    sendAdmin(reply, h(ProducerAccountsPage, {
      view: adminView(req, reply, deps), producer, accounts: await listProducerUsers(req.ctx, { producerId: producer.id }), flash: flashOf(req, FLASH), ...extra,
    }), status)

  app.get('/admin/producteurs/:id/comptes', { config: { permission: 'supply.read' }, schema: { hide: true, params: idParams } }, async (req, reply) =>
    page(req, reply, await producerOr404(req, req.params.id)),
  )

  app.post('/admin/producteurs/:id/comptes', { config: { permission: 'supply.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const producer = await producerOr404(req, req.params.id)
    const body = formBody(req)
    const values = { name: str(body, 'name'), email: str(body, 'email') }
    try {
      const { user, generatedPassword } = await createProducerUser(req.ctx, { producerId: producer.id, ...values, password: str(body, 'password') })
      // shown once, in this answer only (never stored in clear, never in a redirect URL)
      return page(req, reply, producer, { created: { email: user.email, password: generatedPassword } }, 201)
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'CONFLICT')) throw err
      const fields = (err.details as { fields?: FormErrors } | undefined)?.fields
      return page(req, reply, producer, { values, errors: fields ?? { form: err.message } }, err.status)
    }
  })

  app.post('/admin/producteurs/:id/comptes/:userId/desactiver', { config: { permission: 'supply.manage' }, schema: { hide: true, params: userParams } }, async (req, reply) => {
    const producer = await producerOr404(req, req.params.id)
    await deactivateProducerUser(req.ctx, { producerId: producer.id, userId: req.params.userId })
    return reply.redirect(`/admin/producteurs/${producer.id}/comptes?ok=off`, 303)
  })
}
