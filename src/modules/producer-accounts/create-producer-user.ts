import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { hashPassword, passwordProblem } from '../../kernel/password.ts'
import { emailKey } from '../../kernel/tokens.ts'
import { recordAudit } from '../audit/index.ts'
import { producerAccountsDb } from './tables.ts'
import type { ProducerUser } from './types.ts'

export const PASSWORD_MESSAGES = {
  TOO_SHORT: 'Le mot de passe doit compter au moins 12 caractères.',
  TOO_LONG: 'Le mot de passe ne doit pas dépasser 256 caractères.',
  TOO_SIMPLE: 'Le mot de passe est trop simple.',
  CONTAINS_EMAIL: "Le mot de passe ne doit pas contenir l'adresse e-mail.",
} as const

/** The form (and CLI) input of a portal account; a blank password asks for a generated one. */
export const createProducerUserSchema = z
  .object({
    /** the producer's id, or its code ('PRD-ACS') */
    producerId: z.string().trim().min(1, 'Le producteur est obligatoire.').max(64),
    email: z.string().trim().toLowerCase().min(3, 'Adresse e-mail invalide.').max(254).email('Adresse e-mail invalide.'),
    name: z.string().trim().min(1, 'Le nom est obligatoire.').max(120, 'Le nom ne doit pas dépasser 120 caractères.'),
    password: z.string().max(256, PASSWORD_MESSAGES.TOO_LONG).optional().transform((p) => (p ? p : undefined)),
  })
  .superRefine((v, c) => {
    if (v.password === undefined) return
    const problem = passwordProblem(v.password, v.email)
    if (problem) c.addIssue({ code: 'custom', path: ['password'], message: PASSWORD_MESSAGES[problem] })
  })
export type CreateProducerUserInput = z.input<typeof createProducerUserSchema>

/** 16 random base64url characters (96 bits), redrawn in the rare case the policy refuses them. */
export function generatePassword(email: string): string {
  for (;;) {
    const candidate = randomBytes(12).toString('base64url')
    if (!passwordProblem(candidate, email)) return candidate
  }
}

/**
 * Creates a portal account for one producer's staff member. Returns the password only when it
 * was generated (shown once to the staff member who created the account, never stored in clear).
 * The same e-mail twice (any case, any producer) is refused with CONFLICT. Audited.
 */
export async function createProducerUser(ctx: Ctx, input: CreateProducerUserInput): Promise<{ user: ProducerUser; generatedPassword: string | null }> {
  const parsed = createProducerUserSchema.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join(' '), { fields: fieldsOf(parsed.error) })
  const data = parsed.data
  const generatedPassword = data.password === undefined ? generatePassword(data.email) : null
  const passwordHash = await hashPassword(data.password ?? generatedPassword!) // outside the transaction: ~30 ms of CPU
  return ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const db = producerAccountsDb(trx)
    const producer = await db.selectFrom('producers').select('id').where((eb) => eb.or([eb('id', '=', data.producerId), eb('code', '=', data.producerId)])).executeTakeFirst()
    if (!producer) throw new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
    const taken = await db.selectFrom('producer_users').select('id').where(sql<string>`lower(email)`, '=', emailKey(data.email)).executeTakeFirst()
    if (taken) throw new AppError('CONFLICT', 'Un compte du portail producteur a déjà cette adresse e-mail.', { fields: { email: 'Un compte du portail producteur a déjà cette adresse e-mail.' } })
    const row = await db
      .insertInto('producer_users')
      .values({ id: newId('pru'), producer_id: producer.id, email: data.email, name: data.name, password_hash: passwordHash, created_at: ctx.now, updated_at: ctx.now })
      .returning(['id', 'producer_id', 'email', 'name', 'active', 'locked_until', 'created_at'])
      .executeTakeFirstOrThrow()
    const user = toProducerUser(row)
    await recordAudit(tx, { action: 'producer_accounts.created', entityType: 'producer_user', entityId: user.id, before: null, after: { producerId: user.producerId, email: user.email, name: user.name, passwordGenerated: generatedPassword !== null } })
    return { user, generatedPassword }
  })
}

export const toProducerUser = (r: { id: string; producer_id: string; email: string; name: string; active: boolean; locked_until: Date | null; created_at: Date }): ProducerUser => ({
  id: r.id, producerId: r.producer_id, email: r.email, name: r.name, active: r.active, lockedUntil: r.locked_until, createdAt: r.created_at,
})

function fieldsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] ??= issue.message
  return out
}
