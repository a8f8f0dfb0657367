import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { PostgresPool, PostgresPoolClient } from 'kysely'

/**
 * Kysely's pool with server-side prepared statements: every parameterised query is sent
 * under a name derived from its text, so PostgreSQL parses and plans it once per connection
 * and then reuses the plan. Measured on the product page query: planning (2–8 ms) cost more
 * than running it (1 ms); prepared, 3.0 → 1.3 ms per request at 20 concurrent.
 * Queries without parameters (migrations, several statements in one text) stay unnamed,
 * and each connection prepares at most MAX_PER_CONNECTION texts (queries built with
 * variable-length lists produce many texts; past the cap they run unnamed).
 */
export const MAX_PER_CONNECTION = 500

const prepared = new WeakMap<pg.PoolClient, Set<string>>()
const names = new Map<string, string>()

function nameOf(text: string): string {
  let name = names.get(text)
  if (!name) {
    name = `q${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    if (names.size > 10_000) names.clear()
    names.set(text, name)
  }
  return name
}

export function preparedStatementsPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      let mine = prepared.get(client)
      if (!mine) {
        mine = new Set()
        prepared.set(client, mine)
      }
      const known = mine
      return {
        query: ((text: string | object, values?: readonly unknown[]) => {
          if (typeof text !== 'string') return client.query(text as pg.QueryConfig) as unknown
          if (!values || values.length === 0) return client.query(text, values as unknown[])
          const name = nameOf(text)
          if (!known.has(name)) {
            if (known.size >= MAX_PER_CONNECTION) return client.query(text, values as unknown[])
            known.add(name)
          }
          return client.query({ name, text, values: values as unknown[] })
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => {
          if (destroy) prepared.delete(client)
          client.release(destroy)
        },
      }
    },
    end: () => pool.end(),
  }
}
