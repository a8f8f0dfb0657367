import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { getProducerBank, saveProducerBank, type ProducerBank } from '../../modules/producers/index.ts'
import type { FormValues } from '../../web/admin/catalog-kit.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { ProducerBankPage, producerBankValues } from '../../web/admin/producer-bank-page.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, sendAdmin } from './admin-kit.ts'
import { appErrorFields, str } from './catalog-forms.ts'

const FLASH = { saved: 'Les coordonnées bancaires sont enregistrées.' }
const idParams = z.object({ id: z.string().min(1).max(64) })

/** A producer's bank account (finance): read with payables.read, changed with payables.manage. */
export function registerProducerBankRoutes(app: App, deps: RouteDeps): void {
  const bankOr404 = async (req: FastifyRequest, id: string) => {
    const bank = await getProducerBank(req.ctx, id)
    if (!bank) throw new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
    return bank
  }
  const page = (req: FastifyRequest, reply: FastifyReply, bank: ProducerBank, extra: { values?: FormValues; errors?: FormErrors } = {}, status = 200) =>
    sendAdmin(reply, h(ProducerBankPage, { view: adminView(req, reply, deps), bank, values: extra.values ?? producerBankValues(bank), errors: extra.errors, flash: flashOf(req, FLASH) }), status)

  app.get('/admin/producteurs/:id/banque', { config: { permission: 'payables.read' }, schema: { hide: true, params: idParams } }, async (req, reply) =>
    page(req, reply, await bankOr404(req, req.params.id)),
  )
  app.post('/admin/producteurs/:id/banque', { config: { permission: 'payables.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const bank = await bankOr404(req, req.params.id)
    const body = formBody(req)
    const values = { iban: str(body, 'iban'), bic: str(body, 'bic'), holder: str(body, 'holder') }
    try {
      await saveProducerBank(req.ctx, { producerId: bank.producerId, ...values })
      return reply.redirect(`/admin/producteurs/${bank.producerId}/banque?ok=saved`, 303)
    } catch (err) {
      const errors = appErrorFields(err)
      if (!errors) throw err
      return page(req, reply, bank, { values, errors }, (err as AppError).status)
    }
  })
}
