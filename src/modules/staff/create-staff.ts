import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { hashPassword, passwordProblem } from '../../kernel/password.ts'
import { emailKey } from '../../kernel/tokens.ts'
import { recordAudit } from '../audit/index.ts'
import { ROLES } from './permissions.ts'
import { loadStaffMembers } from './staff-row.ts'
import { staffDb } from './tables.ts'
import type { StaffMember } from './types.ts'

const PASSWORD_MESSAGES = {
  TOO_SHORT: 'Le mot de passe doit compter au moins 12 caractères.',
  TOO_LONG: 'Le mot de passe ne doit pas dépasser 256 caractères.',
  TOO_SIMPLE: 'Le mot de passe est trop simple.',
  CONTAINS_EMAIL: "Le mot de passe ne doit pas contenir l'adresse e-mail.",
} as const

export const staffRolesSchema = z.array(z.enum(ROLES, { error: 'Rôle inconnu.' })).min(1, 'Choisissez au moins un rôle.').max(ROLES.length)

/** The form (and CLI) input of a new member. */
export const createStaffSchema = z
  .object({
    email: z.string().trim().toLowerCase().min(3).max(254).email('Adresse e-mail invalide.'),
    name: z.string().trim().min(1, 'Le nom est obligatoire.').max(120, 'Le nom ne doit pas dépasser 120 caractères.'),
    password: z.string().min(1, 'Le mot de passe est obligatoire.').max(256),
    roles: staffRolesSchema,
  })
  .superRefine((v, c) => {
    const problem = passwordProblem(v.password, v.email)
    if (problem) c.addIssue({ code: 'custom', path: ['password'], message: PASSWORD_MESSAGES[problem] })
  })
export type CreateStaffInput = z.input<typeof createStaffSchema>

/** Creates a member with roles; a second account on the same e-mail is refused (any case). */
export async function createStaff(ctx: Ctx, input: CreateStaffInput): Promise<StaffMember> {
  const data = createStaffSchema.parse(input)
  const passwordHash = await hashPassword(data.password) // outside the transaction: ~30 ms of CPU
  return ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const db = staffDb(trx)
    const taken = await loadStaffMembers(tx, { emailKey: emailKey(data.email) })
    if (taken.length) throw new AppError('STAFF_EMAIL_TAKEN', 'Un membre de l’équipe a déjà cette adresse e-mail.')
    const id = newId('stf')
    await db.insertInto('staff_users').values({ id, email: data.email, name: data.name, password_hash: passwordHash, created_at: ctx.now, updated_at: ctx.now }).execute()
    await db.insertInto('staff_roles').values([...new Set(data.roles)].map((role) => ({ staff_id: id, role, granted_at: ctx.now }))).execute()
    const [member] = await loadStaffMembers(tx, { ids: [id] })
    await recordAudit(tx, { action: 'staff.created', entityType: 'staff', entityId: id, before: null, after: { email: member!.email, name: member!.name, roles: member!.roles } })
    return member!
  })
}
