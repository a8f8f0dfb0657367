import { z } from 'zod'
import type { Locale } from '../../../kernel/ctx.ts'
import type { Block } from './blocks.ts'

const url = z.url({ protocol: /^https?$/ })

export const PasswordResetData = z.object({ resetUrl: url, expiresInMinutes: z.number().int().positive() })
export type PasswordResetData = z.infer<typeof PasswordResetData>

export const WelcomeData = z.object({ firstName: z.string().min(1), accountUrl: url })
export type WelcomeData = z.infer<typeof WelcomeData>

const RESET = {
  fr: {
    subject: 'Réinitialisation de votre mot de passe Lakou',
    body: (m: number) => `Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Il fonctionne une seule fois, pendant ${m} minutes.`,
    link: 'Choisir un nouveau mot de passe',
    ignore: "Vous n'avez rien demandé ? Ignorez cet e-mail : votre mot de passe ne change pas.",
  },
  en: {
    subject: 'Reset your Lakou password',
    body: (m: number) => `To choose a new password, open the link below. It works once, for ${m} minutes.`,
    link: 'Choose a new password',
    ignore: 'You did not ask for this? Ignore this e-mail: your password does not change.',
  },
} as const

/** The password reset link (single use, limited time). */
export function passwordReset(locale: Locale, d: PasswordResetData): { subject: string; blocks: Block[] } {
  const t = RESET[locale]
  return { subject: t.subject, blocks: [{ kind: 'heading', text: t.subject }, { kind: 'paragraph', text: t.body(d.expiresInMinutes) }, { kind: 'link', text: t.link, href: d.resetUrl }, { kind: 'paragraph', text: t.ignore }] }
}

const WELCOME = {
  fr: {
    subject: (n: string) => `Bienvenue sur Lakou, ${n}`,
    body: 'Votre compte est créé. Vous pouvez y enregistrer vos adresses de livraison et suivre vos commandes.',
    link: 'Mon compte',
  },
  en: {
    subject: (n: string) => `Welcome to Lakou, ${n}`,
    body: 'Your account is ready. Save your delivery addresses there and follow your orders.',
    link: 'My account',
  },
} as const

/** Sent once when an account is created. */
export function welcome(locale: Locale, d: WelcomeData): { subject: string; blocks: Block[] } {
  const t = WELCOME[locale]
  return { subject: t.subject(d.firstName), blocks: [{ kind: 'heading', text: t.subject(d.firstName) }, { kind: 'paragraph', text: t.body }, { kind: 'link', text: t.link, href: d.accountUrl }] }
}
