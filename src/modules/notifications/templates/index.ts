import type { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { renderBlocks, type Block, type RenderedEmail } from './blocks.ts'
import { PasswordResetData, WelcomeData, passwordReset, welcome } from './account.ts'
import { OrderConfirmationData, orderConfirmation } from './order-confirmation.ts'
import { OrderCancelledData, OrderPaidData, orderCancelled, orderPaid } from './order-updates.ts'
import { WithdrawalAcknowledgementData, withdrawalAcknowledgement } from './withdrawal-acknowledgement.ts'
import { OrderLineCancelledData, OrderShippedData, orderLineCancelled, orderShipped } from './order-shipped.ts'
import { ReturnApprovedData, ReturnRefundedData, ReturnRejectedData, ReturnRequestedData, returnApproved, returnRefunded, returnRejected, returnRequested } from './returns.ts'
import { PayablesOverdueData, payablesOverdue } from './payables.ts'
import { PurchaseOrderSentData, purchaseOrderSent } from './purchase-order.ts'
import { ProducerApplicationReceivedData, producerApplicationReceived } from './producer-application.ts'

type Template<S extends z.ZodType> = { schema: S; render: (locale: Locale, data: z.infer<S>) => { subject: string; blocks: Block[] } }
const template = <S extends z.ZodType>(schema: S, render: Template<S>['render']): Template<S> => ({ schema, render })

/** Every e-mail Lakou sends: name → data schema (checked when queued) and fr/en rendering. */
export const TEMPLATES = {
  'order-confirmation': template(OrderConfirmationData, orderConfirmation),
  'return-requested': template(ReturnRequestedData, returnRequested),
  'return-approved': template(ReturnApprovedData, returnApproved),
  'return-rejected': template(ReturnRejectedData, returnRejected),
  'return-refunded': template(ReturnRefundedData, returnRefunded),
  'order-paid': template(OrderPaidData, orderPaid),
  'order-cancelled': template(OrderCancelledData, orderCancelled),
  'order-shipped': template(OrderShippedData, orderShipped),
  'order-line-cancelled': template(OrderLineCancelledData, orderLineCancelled),
  'withdrawal-acknowledgement': template(WithdrawalAcknowledgementData, withdrawalAcknowledgement),
  'payables-overdue': template(PayablesOverdueData, payablesOverdue),
  'purchase-order-sent': template(PurchaseOrderSentData, purchaseOrderSent),
  'producer-application-received': template(ProducerApplicationReceivedData, producerApplicationReceived),
  'password-reset': template(PasswordResetData, passwordReset),
  welcome: template(WelcomeData, welcome),
}

export type TemplateName = keyof typeof TEMPLATES
export type TemplateData = { [K in TemplateName]: z.input<(typeof TEMPLATES)[K]['schema']> }

export const isTemplateName = (name: string): name is TemplateName => Object.hasOwn(TEMPLATES, name)

/** Subject, text and HTML of one e-mail; throws when the data does not fit the template (a bug of the caller). */
export function renderEmail<K extends TemplateName>(name: K, locale: Locale, data: unknown): RenderedEmail {
  const t = TEMPLATES[name] as unknown as Template<z.ZodType>
  const { subject, blocks } = t.render(locale, t.schema.parse(data))
  return renderBlocks(locale, subject, blocks)
}
