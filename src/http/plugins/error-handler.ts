import type { App } from '../types.ts'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError, ERROR_CODES, type ErrorCode } from '../../kernel/errors.ts'

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown; requestId?: string } }

/** Renders an error as an HTML page for page routes; set by the pages plugin. */
export type ErrorPageRenderer = (req: FastifyRequest, status: number, code: ErrorCode, message: string) => string

const isApi = (req: FastifyRequest) => req.url.startsWith('/api/') || req.headers.accept === 'application/json'

/**
 * One place turns every failure into an answer: schema failures → 400 with the field
 * errors, AppError → its catalog status, Fastify client errors → their status, and
 * anything else → 500 with the request id (logged once, never a stack trace to users).
 */
export function registerErrorHandling(app: App, renderPage: ErrorPageRenderer | undefined): void {
  const send = (req: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, message: string, details?: unknown) => {
    if (!isApi(req) && renderPage) {
      return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(req, status, code, message))
    }
    const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }), ...(status >= 500 ? { requestId: String(req.id) } : {}) } }
    return reply.code(status).header('cache-control', 'no-store').send(body)
  }

  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }))
      return send(req, reply, 400, 'VALIDATION_FAILED', `Invalid ${err.validationContext ?? 'request'}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details)
    }
    if (err instanceof AppError) return send(req, reply, err.status, err.code, err.message, err.details)
    const status = (err as FastifyError).statusCode
    if (status && status >= 400 && status < 500) {
      const code: ErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED'
      return send(req, reply, status, code, err.message)
    }
    req.log.error({ err }, 'request failed')
    return send(req, reply, 500, 'INTERNAL', 'Something went wrong on our side. Please try again.')
  })

  app.setNotFoundHandler((req, reply) => send(req, reply, 404, 'ROUTE_NOT_FOUND', `No page at ${req.url.slice(0, 200)}`))
}

/**
 * Errors raised by the router before any route runs (malformed percent-encoding, a path
 * parameter over the length limit): the same answers as the error handler gives.
 */
export function frameworkErrorHandler(renderPage: ErrorPageRenderer | undefined) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
    const status = tooLong ? 414 : 400
    const code: ErrorCode = tooLong ? 'URI_TOO_LONG' : 'VALIDATION_FAILED'
    const message = tooLong ? 'The address is too long.' : 'The address is not valid.'
    if (!isApi(req) && renderPage) return reply.code(status).type('text/html; charset=utf-8').send(renderPage(req, status, code, message))
    return reply.code(status).send({ error: { code, message } } satisfies ErrorBody)
  }
}

export const statusOf = (code: ErrorCode): number => ERROR_CODES[code]
