import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { staffRolesSchema } from './create-staff.ts'
import { loadStaffMembers } from './staff-row.ts'
import { staffDb } from './tables.ts'
import type { StaffMember } from './types.ts'

export const updateStaffSchema = z.object({
  staffId: z.string().min(1).max(40),
  name: z.string().trim().min(1, 'Le nom est obligatoire.').max(120),
  roles: staffRolesSchema,
  active: z.boolean(),
})
export type UpdateStaffInput = z.input<typeof updateStaffSchema>

/**
 * Changes a member's name, roles and whether the account may sign in. Removing a role or
 * deactivating the account ends every open session of that member at once, so a withdrawn
 * permission is never used again. The last active administrator cannot be removed.
 */
export async function updateStaff(ctx: Ctx, input: UpdateStaffInput): Promise<StaffMember> {
  const data = updateStaffSchema.parse(input)
  return ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx }
    const db = staffDb(trx)
    // serialise role changes: the "last administrator" check must see the others' commits
    const locked = await db.selectFrom('staff_users').select('id').where('id', '=', data.staffId).forUpdate().executeTakeFirst()
    if (!locked) throw new AppError('NOT_FOUND', 'Ce membre de l’équipe n’existe pas.')
    const [before] = await loadStaffMembers(tx, { ids: [data.staffId] })
    const roles = [...new Set(data.roles)].sort()
    const stillAdmin = data.active && roles.includes('administrator')
    if (before!.roles.includes('administrator') && before!.active && !stillAdmin) {
      const admins = await db
        .selectFrom('staff_roles as r')
        .innerJoin('staff_users as u', 'u.id', 'r.staff_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('r.role', '=', 'administrator')
        .where('u.active', '=', true)
        .where('u.id', '<>', data.staffId)
        .executeTakeFirstOrThrow()
      if (Number(admins.n) === 0) throw new AppError('STAFF_LAST_ADMINISTRATOR', 'Il faut garder au moins un administrateur actif.')
    }
    await db.updateTable('staff_users').set({ name: data.name, active: data.active, updated_at: ctx.now }).where('id', '=', data.staffId).execute()
    await db.deleteFrom('staff_roles').where('staff_id', '=', data.staffId).where('role', 'not in', roles).execute()
    await db.insertInto('staff_roles').values(roles.map((role) => ({ staff_id: data.staffId, role, granted_at: ctx.now }))).onConflict((oc) => oc.doNothing()).execute()
    const removed = before!.roles.some((r) => !roles.includes(r))
    if (removed || !data.active) await db.deleteFrom('staff_sessions').where('staff_id', '=', data.staffId).execute()
    const [after] = await loadStaffMembers(tx, { ids: [data.staffId] })
    await recordAudit(tx, {
      action: 'staff.updated',
      entityType: 'staff',
      entityId: data.staffId,
      before: { name: before!.name, roles: before!.roles, active: before!.active },
      after: { name: after!.name, roles: after!.roles, active: after!.active },
    })
    return after!
  })
}

/** Every member, by name (the team page). */
export const listStaff = (ctx: Ctx): Promise<StaffMember[]> => loadStaffMembers(ctx)

/** One member, or null. */
export async function getStaff(ctx: Ctx, staffId: string): Promise<StaffMember | null> {
  const [member] = await loadStaffMembers(ctx, { ids: [staffId] })
  return member ?? null
}
