import type { Ctx } from '../../kernel/ctx.ts'

/** Who made a change, as the order history records it. */
export function actorLabel(ctx: Ctx): string {
  switch (ctx.actor.kind) {
    case 'customer':
      return `customer:${ctx.actor.customerId}`
    case 'staff':
      return `staff:${ctx.actor.email}`
    case 'system':
      return `system:${ctx.actor.name}`
    default:
      return 'shopper'
  }
}
