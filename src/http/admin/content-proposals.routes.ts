import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { approveProposal, getProposalForReview, listPendingProposals, rejectProposal } from '../../modules/portal/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { ProposalListPage, ProposalReviewPage } from '../../web/admin/proposal-pages.tsx'
import { clearPageCaches } from '../pages/page-cache.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, sendAdmin } from './admin-kit.ts'
import { str, versionOf } from './catalog-forms.ts'

const idParams = z.object({ id: z.string().min(1).max(64) })
const FLASH = { approved: 'La proposition est acceptée : la fiche produit est à jour.', rejected: 'La proposition est refusée ; le producteur voit votre motif.' }

/** Producers' content proposals (content.review): pending list, side-by-side review, approve or reject. */
export function registerContentProposalRoutes(app: App, deps: RouteDeps): void {
  const proposalOr404 = async (req: FastifyRequest, id: string) => {
    const proposal = await getProposalForReview(req.ctx, id)
    if (!proposal) throw new AppError('NOT_FOUND', 'Cette proposition n’existe pas.')
    return proposal
  }
  const review = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FormErrors; message?: string; note?: string } = {}, status = 200) =>
    sendAdmin(reply, h(ProposalReviewPage, { view: adminView(req, reply, deps), proposal: await proposalOr404(req, id), ...extra }), status)

  app.get('/admin/propositions', { config: { permission: 'content.review' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(ProposalListPage, { view: adminView(req, reply, deps), rows: await listPendingProposals(req.ctx), flash: flashOf(req, FLASH) })),
  )

  app.get('/admin/propositions/:id', { config: { permission: 'content.review' }, schema: { hide: true, params: idParams } }, async (req, reply) => review(req, reply, req.params.id))

  app.post('/admin/propositions/:id/accepter', { config: { permission: 'content.review' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    await proposalOr404(req, req.params.id)
    try {
      await approveProposal(req.ctx, { id: req.params.id, expectedVersion: versionOf(formBody(req)) })
    } catch (err) {
      if (!(err instanceof AppError) || !['CONFLICT', 'VALIDATION_FAILED'].includes(err.code)) throw err
      return review(req, reply, req.params.id, { message: err.message }, err.status)
    }
    clearPageCaches()
    return reply.redirect('/admin/propositions?ok=approved', 303)
  })

  app.post('/admin/propositions/:id/refuser', { config: { permission: 'content.review' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    await proposalOr404(req, req.params.id)
    const note = str(formBody(req), 'note')
    try {
      await rejectProposal(req.ctx, { id: req.params.id, note })
    } catch (err) {
      if (!(err instanceof AppError) || !['CONFLICT', 'VALIDATION_FAILED'].includes(err.code)) throw err
      const fields = (err.details as { fields?: FormErrors } | undefined)?.fields
      return review(req, reply, req.params.id, { ...(fields ? { errors: fields } : { message: err.message }), note }, err.status)
    }
    return reply.redirect('/admin/propositions?ok=rejected', 303)
  })
}
