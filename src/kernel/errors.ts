/**
 * One error catalog for the whole application (Fastify's FST_ERR_* idea).
 * Each code maps to one HTTP status; the HTTP error handler reads this table.
 * Modules add their codes here so the catalog stays in one place.
 */
export const ERROR_CODES = {
  /** the request (query, params, body) failed its schema */
  VALIDATION_FAILED: 400,
  /** a search query that is too long, binary or otherwise unusable */
  SEARCH_QUERY_INVALID: 400,
  /** the requested record does not exist (or is not visible to the actor) */
  NOT_FOUND: 404,
  /** the route does not exist */
  ROUTE_NOT_FOUND: 404,
  /** the actor may not do this */
  FORBIDDEN: 403,
  /** the actor is not signed in */
  UNAUTHENTICATED: 401,
  /** the record changed since it was read (optimistic concurrency) */
  CONFLICT: 409,
  /** too many requests from this client */
  RATE_LIMITED: 429,
  /** a path segment longer than the router accepts */
  URI_TOO_LONG: 414,
  /** the request body is larger than allowed */
  PAYLOAD_TOO_LARGE: 413,
  /** a bug or an outage: logged once with the request id */
  INTERNAL: 500,
  /** a dependency (database) is not ready */
  UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
  get status(): number {
    return ERROR_CODES[this.code]
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`)
