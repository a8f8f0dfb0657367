import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isRole, type Role } from './permissions.ts'
import { staffDb } from './tables.ts'
import type { StaffMember } from './types.ts'

/** Members with their roles (one query), by ids or all, ordered by name. */
export async function loadStaffMembers(ctx: Ctx, where: { ids?: string[]; emailKey?: string } = {}): Promise<StaffMember[]> {
  let q = staffDb(ctx.db)
    .selectFrom('staff_users as u')
    .select(['u.id', 'u.email', 'u.name', 'u.active', 'u.totp_enabled', 'u.locked_until', 'u.created_at'])
    .select(sql<string[]>`coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM staff_roles r WHERE r.staff_id = u.id), '{}')`.as('roles'))
  if (where.ids) q = q.where('u.id', 'in', where.ids.length ? where.ids : [''])
  if (where.emailKey) q = q.where(sql<string>`lower(u.email)`, '=', where.emailKey)
  const rows = await q.orderBy('u.name').orderBy('u.id').execute()
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: r.roles.filter(isRole) as Role[],
    active: r.active,
    totpEnabled: r.totp_enabled,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
  }))
}
