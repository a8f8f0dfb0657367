import pino, { type Logger } from 'pino'

export type { Logger }

/** Structured JSON logs on stdout (one line per event, request id included by Fastify). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'lakou' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
  })
}
