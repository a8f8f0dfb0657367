import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { AUDIT_PAGE_SIZE, auditFilterSchema, listAuditLog } from '../../modules/audit/index.ts'
import { ACTIONS, createStaff, createStaffSchema, getStaff, listStaff, PERMISSIONS, resetTotp, ROLES, updateStaff, updateStaffSchema } from '../../modules/staff/index.ts'
import { AuditLogPage } from '../../web/admin/audit-page.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { PermissionsPage, StaffEditPage, StaffListPage } from '../../web/admin/staff-pages.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, many, parseForm, sendAdmin } from './admin-kit.ts'

const FLASH = { created: 'Le compte a été créé.', saved: 'Les modifications sont enregistrées.', totp: 'La double authentification a été réinitialisée.' }
const staffParams = z.object({ id: z.string().regex(/^stf_[0-9A-Z]{26}$/) })

/** The team (staff.manage), the permission table (everyone), the audit log (audit.read). */
export function registerStaffAdminRoutes(app: App, deps: RouteDeps): void {
  app.get('/admin/equipe', { config: { permission: 'staff.manage' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(StaffListPage, { view: adminView(req, reply, deps), staff: await listStaff(req.ctx), roles: ROLES, flash: flashOf(req, FLASH) })),
  )

  app.post('/admin/equipe', { config: { permission: 'staff.manage' }, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    const input = { email: String(body.email ?? ''), name: String(body.name ?? ''), password: String(body.password ?? ''), roles: many(body.roles) }
    const form = parseForm(createStaffSchema, input)
    const again = async (errors: FormErrors) =>
      sendAdmin(reply, h(StaffListPage, { view: adminView(req, reply, deps), staff: await listStaff(req.ctx), roles: ROLES, errors, values: { email: input.email, name: input.name, roles: input.roles } }), 400)
    if (!form.ok) return again(form.errors)
    try {
      await createStaff(req.ctx, form.data)
    } catch (err) {
      if (err instanceof AppError && err.code === 'STAFF_EMAIL_TAKEN') return again({ email: err.message })
      throw err
    }
    return reply.redirect('/admin/equipe?ok=created', 303)
  })

  app.get('/admin/equipe/:id', { config: { permission: 'staff.manage' }, schema: { hide: true, params: staffParams } }, async (req, reply) => {
    const member = await getStaff(req.ctx, req.params.id)
    if (!member) throw new AppError('NOT_FOUND', 'Ce membre de l’équipe n’existe pas.')
    return sendAdmin(reply, h(StaffEditPage, { view: adminView(req, reply, deps), member, roles: ROLES, flash: flashOf(req, FLASH) }))
  })

  app.post('/admin/equipe/:id', { config: { permission: 'staff.manage' }, schema: { hide: true, params: staffParams } }, async (req, reply) => {
    const member = await getStaff(req.ctx, req.params.id)
    if (!member) throw new AppError('NOT_FOUND', 'Ce membre de l’équipe n’existe pas.')
    const body = formBody(req)
    const form = parseForm(updateStaffSchema, { staffId: member.id, name: String(body.name ?? ''), roles: many(body.roles), active: body.active === 'on' })
    const again = (errors: FormErrors, message?: string) => sendAdmin(reply, h(StaffEditPage, { view: adminView(req, reply, deps), member, roles: ROLES, errors, message }), message ? 409 : 400)
    if (!form.ok) return again(form.errors)
    try {
      await updateStaff(req.ctx, form.data)
    } catch (err) {
      if (err instanceof AppError && err.code === 'STAFF_LAST_ADMINISTRATOR') return again({}, err.message)
      throw err
    }
    return reply.redirect(`/admin/equipe/${member.id}?ok=saved`, 303)
  })

  app.post('/admin/equipe/:id/totp-reset', { config: { permission: 'staff.manage' }, schema: { hide: true, params: staffParams } }, async (req, reply) => {
    const member = await getStaff(req.ctx, req.params.id)
    if (!member) throw new AppError('NOT_FOUND', 'Ce membre de l’équipe n’existe pas.')
    await resetTotp(req.ctx, { staffId: member.id })
    return reply.redirect(`/admin/equipe/${member.id}?ok=totp`, 303)
  })

  app.get('/admin/roles', { config: { permission: 'signed-in' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(PermissionsPage, { view: adminView(req, reply, deps), roles: ROLES, actions: ACTIONS, grants: PERMISSIONS })),
  )

  app.get('/admin/journal', { config: { permission: 'audit.read' }, schema: { hide: true } }, async (req, reply) => {
    const raw = req.query as Record<string, string | undefined>
    const parsed = auditFilterSchema.safeParse(raw)
    const filter = parsed.success ? parsed.data : auditFilterSchema.parse({})
    const { rows, hasMore } = await listAuditLog(req.ctx, filter)
    const state = { path: '/admin/journal', query: parsed.success ? raw : {} }
    return sendAdmin(reply, h(AuditLogPage, { view: adminView(req, reply, deps), rows, hasMore, page: filter.page, pageSize: AUDIT_PAGE_SIZE, state }), parsed.success ? 200 : 400)
  })
}
