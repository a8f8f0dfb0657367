import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import { dateTime, type Block } from './blocks.ts'

export const ProducerApplicationReceivedData = z.object({
  tradeName: z.string().min(1),
  contactName: z.string().min(1),
  /** the producer code the team files the application under ('PRD-CACA') */
  reference: z.string().min(1),
  submittedAt: z.iso.datetime({ offset: true }),
})
export type ProducerApplicationReceivedData = z.infer<typeof ProducerApplicationReceivedData>

const T = {
  fr: {
    subject: (n: string) => `Nous avons bien reçu votre candidature — ${n}`,
    hello: (c: string) => `Bonjour ${c},`,
    received: (n: string, at: string) => `Merci ! La candidature de ${n} nous est parvenue le ${at}.`,
    files: 'Vous pouvez encore joindre des photos et des documents (Kbis, assurance, étiquettes) depuis la page de confirmation pendant 24 heures, ou les envoyer en réponse à cet e-mail.',
    next: 'L’équipe de la délégation l’étudie (authenticité, qualité, capacité, potentiel export) et vous répond sous trois semaines. Nous vous contacterons peut-être pour goûter vos produits ou vous rendre visite.',
    ref: 'Votre référence',
  },
  en: {
    subject: (n: string) => `We received your application — ${n}`,
    hello: (c: string) => `Hello ${c},`,
    received: (n: string, at: string) => `Thank you! The application of ${n} reached us on ${at}.`,
    files: 'You may still attach photos and documents (company registration, insurance, labels) from the confirmation page for 24 hours, or send them in reply to this e-mail.',
    next: 'The delegation team reviews it (authenticity, quality, capacity, export potential) and will answer within three weeks. We may contact you to taste your products or to visit.',
    ref: 'Your reference',
  },
} as const

/** Acknowledges a producer's application from the public form. */
export function producerApplicationReceived(locale: Locale, d: ProducerApplicationReceivedData): { subject: string; blocks: Block[] } {
  const t = T[locale]
  return {
    subject: t.subject(d.tradeName),
    blocks: [
      { kind: 'heading', text: t.subject(d.tradeName) },
      { kind: 'paragraph', text: t.hello(d.contactName) },
      { kind: 'paragraph', text: t.received(d.tradeName, dateTime(locale, d.submittedAt)) },
      { kind: 'details', title: t.ref, items: [[t.ref, d.reference]] },
      { kind: 'paragraph', text: t.files },
      { kind: 'paragraph', text: t.next },
    ],
  }
}
