import type { z } from 'zod'
import { AppError } from './errors.ts'

// Input refused field by field: `path` names the field ('name.en', 'lines.2.quantity') so a form
// shows each message next to its field; the messages are written for the person who reads them.

export type FieldError = { path: string; message: string }

/** Refuses the input with every field error at once (400, or 409 for a conflict; nothing written). */
export function invalid(errors: readonly FieldError[], code: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED'): never {
  throw new AppError(code, errors.map((e) => e.message).join(' · '), errors)
}

export const fieldErrorsOf = (error: z.ZodError): FieldError[] => error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))

/** Parses an input with its schema, or refuses it with the field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input)
  if (!r.success) invalid(fieldErrorsOf(r.error))
  return r.data
}
