import { sql } from 'kysely'
import type { Locale } from '../../kernel/ctx.ts'
import type { Customer } from './types.ts'

/** Columns of a customer as the Customer shape needs them (birth date as 'YYYY-MM-DD' text). */
export const customerColumns = ['id', 'email', 'first_name', 'last_name', 'locale', sql<string | null>`birth_date::text`.as('birth_date'), 'created_at'] as const

export type CustomerRow = { id: string; email: string; first_name: string; last_name: string; locale: Locale; birth_date: string | null; created_at: Date }

export function toCustomer(row: CustomerRow): Customer {
  return { id: row.id, email: row.email, firstName: row.first_name, lastName: row.last_name, locale: row.locale, birthDate: row.birth_date, createdAt: row.created_at }
}
