import { AppError } from '../../kernel/errors.ts'

/** A query reduced to the words the index compares: lowercase, unaccented, letters and digits only. */
export type NormalizedQuery = {
  /** the words joined by one space: the key of merchandising rules and of the query log */
  text: string
  tokens: string[]
}

export type QueryProblem = 'too_long' | 'control_characters' | 'nothing_searchable'

export type NormalizeResult = { ok: true; query: NormalizedQuery } | { ok: false; problem: QueryProblem; message: string }

/** Longest query accepted, in characters (Algolia caps at 512 bytes; our names are far shorter). */
export const MAX_QUERY_LENGTH = 100
export const MAX_QUERY_WORDS = 10

// C0/C1 controls except tab, line feed and carriage return (pasted text), and U+FFFD, which is what
// a decoder leaves of bytes that were not UTF-8: both mean binary rather than words. PostgreSQL
// also refuses NUL in text, so these must never reach SQL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/
// Letters the NFD decomposition does not split, mapped as PostgreSQL's unaccent rules do,
// so the words of the query and of the index agree.
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' }

/**
 * Normalises a raw query the way the index was built (lowercase, accents removed, punctuation as
 * space). Returns a typed failure for input that cannot be a search: too long, control characters
 * or binary, or no letter or digit left.
 * @example normalizeQuery('  CAFÉ, moulu!') // { ok: true, query: { text: 'cafe moulu', tokens: ['cafe', 'moulu'] } }
 */
export function normalizeQuery(raw: string): NormalizeResult {
  if ([...raw].length > MAX_QUERY_LENGTH) return { ok: false, problem: 'too_long', message: `The search text is longer than ${MAX_QUERY_LENGTH} characters.` }
  if (CONTROL.test(raw) || /[\uD800-\uDFFF]/.test(raw.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    return { ok: false, problem: 'control_characters', message: 'The search text contains control characters or binary data.' }
  }
  const folded = raw
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæßøđłı]/g, (c) => LIGATURES[c] ?? c)
  // Words past the tenth add cost and almost never precision (Algolia also bounds query words).
  const tokens = folded.split(/[^a-z0-9]+/).filter((t) => t.length > 0).slice(0, MAX_QUERY_WORDS)
  if (!tokens.length) return { ok: false, problem: 'nothing_searchable', message: 'The search text has no letter or digit to search for.' }
  return { ok: true, query: { text: tokens.join(' '), tokens } }
}

/** The error a route turns into 400 SEARCH_QUERY_INVALID. */
export function searchQueryInvalid(problem: QueryProblem, message: string): AppError {
  return new AppError('SEARCH_QUERY_INVALID', message, { problem })
}

/** normalizeQuery, throwing SEARCH_QUERY_INVALID on failure (engines and routes). */
export function normalizeQueryOrThrow(raw: string): NormalizedQuery {
  const r = normalizeQuery(raw)
  if (!r.ok) throw searchQueryInvalid(r.problem, r.message)
  return r.query
}
