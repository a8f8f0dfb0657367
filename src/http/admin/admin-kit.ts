import type { FastifyReply, FastifyRequest } from 'fastify'
import type { JSX } from 'preact'
import type { z } from 'zod'
import { renderDocument } from '../../web/storefront/render.ts'
import type { AdminView } from '../../web/admin/layout.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import { allowedActions } from './staff-session.ts'

/** The view context of a back-office page (call it only behind the guard: a member is signed in). */
export function adminView(req: FastifyRequest, reply: FastifyReply, deps: Pick<RouteDeps, 'asset'>): AdminView {
  const staff = req.staffSession!.staff
  return { staff, allowed: allowedActions(req), path: req.url.split('?')[0] ?? req.url, csrf: csrfToken(req, reply), asset: deps.asset }
}

/** Sends a back-office page (never cached: the guard marks every back-office answer no-store). */
export function sendAdmin(reply: FastifyReply, vnode: JSX.Element, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode))
}

/** A form body as a plain record; repeated fields (checkboxes) are arrays. */
export const formBody = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {})

/** The values of a field that may be sent 0, 1 or more times. */
export const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)])

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors }

/** Validates a form with its zod schema; errors come back per field (first message of each). */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.output<S>> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return { ok: true, data: parsed.data }
  const errors: FormErrors = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return { ok: false, errors }
}

/** A flash message carried by the redirect after a successful form (?ok=<key>), from a fixed list. */
export function flashOf(req: FastifyRequest, messages: Record<string, string>): string | null {
  const key = (req.query as Record<string, unknown> | undefined)?.ok
  return typeof key === 'string' ? (messages[key] ?? null) : null
}

/** The client address for sign-in limits. */
export const clientIp = (req: FastifyRequest): string => req.ip || 'unknown'
