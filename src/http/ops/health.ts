import type { App } from '../types.ts'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../kernel/db/client.ts'
import { currentVersion } from '../../kernel/db/migrate.ts'

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), migration: z.string().nullable(), latencyMs: z.number() }),
  uptimeSeconds: z.number(),
})

/** /health (and /healthz, /readyz): the database kind, its migration version and a round trip. */
export function registerHealth(app: App, database: Database): void {
  const handler = async (_req: unknown, reply: import('fastify').FastifyReply) => {
    const t0 = performance.now()
    try {
      await sql`select 1`.execute(database.db)
      const migration = await currentVersion(database.db)
      return reply.header('cache-control', 'no-store').send({
        status: 'ok', database: { kind: database.kind, migration, latencyMs: Math.round((performance.now() - t0) * 10) / 10 }, uptimeSeconds: Math.round(process.uptime()),
      })
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({
        status: 'unavailable', database: { kind: database.kind, migration: null, latencyMs: -1 }, uptimeSeconds: Math.round(process.uptime()),
      })
    }
  }
  const schema = { tags: ['operations'], summary: 'Liveness and database state', response: { 200: Health, 503: Health } }
  app.get('/health', { schema }, handler)
  app.get('/healthz', { schema: { ...schema, hide: true } }, handler)
  app.get('/readyz', { schema: { ...schema, hide: true } }, handler)
}
