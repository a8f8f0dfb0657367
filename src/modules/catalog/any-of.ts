import { sql } from 'kysely'

/**
 * `column = ANY($1::text[])`: one parameter for a list of any length (an import names up to
 * 20,000 keys), so the statement text, and its prepared plan, stays the same for every list.
 */
export const anyOf = (column: string, values: readonly string[]) => sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`
