import type { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'

export type FieldError = { path: string; message: string }

/** Refuses the input with every field error at once (400, nothing written). */
export function invalid(errors: readonly FieldError[]): never {
  throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join(' · '), errors)
}

/** Parses an input with its schema, or refuses it with the field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input)
  if (!r.success) invalid(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
  return r.data
}

export const producerNotFound = (): AppError => new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
