import type { App } from '../types.ts'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import type { ErrorCode } from '../../kernel/errors.ts'
import { webhookProvider, WebhookPayloadError, WebhookSignatureError, type PaymentProviders, type ProviderEvent } from '../../modules/payments/index.ts'

const WebhookParams = z.object({ provider: z.enum(['test', 'stripe']) })

/** What a verified event goes through: the settle flow (flows/settle-payment.ts). */
export type SettlePaymentEvent = (ctx: Ctx, event: ProviderEvent) => Promise<{ duplicate: boolean }>

const problem = (code: ErrorCode, message: string) => ({ error: { code, message } })

/**
 * POST /webhooks/payments/:provider (test | stripe). Signatures are computed over the exact
 * bytes sent, so this scope keeps the raw body (no JSON or form parsing). A bad signature is
 * refused with 400 before anything is recorded; a verified event is settled and answered
 * 200 at once, duplicates included, so the provider stops retrying it. No CSRF here: the
 * signature is the authentication. Answers are JSON whatever the Accept header.
 */
export async function registerPaymentWebhookRoutes(app: App, providers: PaymentProviders, settle: SettlePaymentEvent): Promise<void> {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>()
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body))

    scope.post('/webhooks/payments/:provider', { schema: { params: WebhookParams, hide: true } }, async (req, reply) => {
      reply.header('cache-control', 'no-store')
      const provider = webhookProvider(providers, req.params.provider)
      if (!provider) return reply.code(404).send(problem('NOT_FOUND', 'This payment provider is not enabled.'))
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
      let event: ProviderEvent
      try {
        event = provider.parseWebhook(raw, req.headers)
      } catch (err) {
        if (err instanceof WebhookSignatureError) {
          req.log.warn({ provider: provider.code, reason: err.message }, 'payment webhook refused: signature')
          return reply.code(400).send(problem('PAYMENT_WEBHOOK_SIGNATURE_INVALID', 'The webhook signature is missing, wrong or too old.'))
        }
        if (err instanceof WebhookPayloadError) return reply.code(400).send(problem('VALIDATION_FAILED', err.message))
        throw err
      }
      const { duplicate } = await settle(req.ctx, event)
      req.log.info({ provider: provider.code, eventId: event.eventId, type: event.providerType, duplicate }, 'payment webhook')
      return reply.code(200).send({ received: true, duplicate })
    })
  })
}
