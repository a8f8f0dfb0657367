import { sql } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'
import type { NormalizedQuery } from './normalize-query.ts'
import { applySynonyms, synonymCandidates, tsqueryText, type SynonymGroup } from './tsquery.ts'

export type QueryPlan = {
  /** text for to_tsquery(config, …) */
  tsquery: string
  /** the same query on name words only (weight A): the strongest ranking signal */
  nameTsquery: string
  /** the same query on name, category, producer and commune words (weights A and B) */
  keyTsquery: string
  /** the normalised query after typo correction, when a word was corrected */
  correctedText: string | null
}

export const TS_CONFIG: Record<Locale, string> = { fr: 'french', en: 'english' }
const STEMMER: Record<Locale, string> = { fr: 'french_stem', en: 'english_stem' }

/** Typos allowed for a word of this length (Algolia's defaults: 1 from 4 letters, 2 from 8). */
export const maxTypos = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0)

type TokenStatus = { token: string; known: boolean; prefixKnown: boolean; stopword: boolean }

/**
 * Turns a normalised query into a tsquery: each word is looked up in the vocabulary (as written,
 * by stem, or as the start of a word for the last one); an unknown word of 4+ letters is replaced
 * by the nearest vocabulary word (trigram neighbours, then Levenshtein ≤ 1, or ≤ 2 from 8 letters);
 * synonym groups then widen each word. Autocomplete treats the last word as a prefix.
 */
export async function planQuery(ctx: Ctx, query: NormalizedQuery, locale: Locale, mode: 'search' | 'autocomplete'): Promise<QueryPlan> {
  const [statuses, groups] = await Promise.all([tokenStatuses(ctx, query.tokens, locale), synonymGroups(ctx, query.tokens, locale)])
  const synonymWords = new Set(groups.flatMap((g) => g.terms.flatMap((t) => t.split(' '))))
  const lastIndex = query.tokens.length - 1
  const toCorrect: { index: number; token: string; prefix: boolean }[] = []
  let prefixLast = mode === 'autocomplete'
  for (const [index, s] of statuses.entries()) {
    const last = index === lastIndex
    const settled = s.stopword || synonymWords.has(s.token) || /^\d+$/.test(s.token) || maxTypos(s.token) === 0
    if (last && mode === 'search' && !s.known && s.prefixKnown) prefixLast = true
    if (settled || s.known || (last && s.prefixKnown)) continue
    toCorrect.push({ index, token: s.token, prefix: last })
  }
  const tokens = [...query.tokens]
  let corrected = false
  if (toCorrect.length) {
    for (const c of await corrections(ctx, toCorrect, locale)) {
      const target = toCorrect.find((t) => t.token === c.token)
      if (!target) continue
      if (c.wordDistance <= maxTypos(c.token) && !(mode === 'autocomplete' && target.prefix)) {
        tokens[target.index] = c.term
      } else if (target.prefix) {
        tokens[target.index] = c.term.slice(0, c.token.length)
        if (target.index === lastIndex) prefixLast = true
      } else continue
      corrected = true
    }
  }
  const finalGroups = corrected ? await synonymGroups(ctx, tokens, locale) : groups
  const terms = applySynonyms(tokens, finalGroups, prefixLast)
  return { tsquery: tsqueryText(terms), nameTsquery: tsqueryText(terms, 'A'), keyTsquery: tsqueryText(terms, 'AB'), correctedText: corrected ? tokens.join(' ') : null }
}

async function tokenStatuses(ctx: Ctx, tokens: string[], locale: Locale): Promise<TokenStatus[]> {
  // ~>=~ / ~<~ compare bytes and use the text_pattern_ops index: "words starting with the token".
  const r = await sql<{ token: string; known: boolean; prefix_known: boolean; stopword: boolean }>`
    SELECT t.token,
           EXISTS (SELECT 1 FROM search_terms s WHERE s.locale = ${locale} AND s.term = t.token)
             OR EXISTS (SELECT 1 FROM search_terms s WHERE s.locale = ${locale} AND s.stem = (ts_lexize(${STEMMER[locale]}::regdictionary, t.token))[1]) AS known,
           EXISTS (SELECT 1 FROM search_terms s WHERE s.locale = ${locale} AND s.term ~>=~ t.token AND s.term ~<~ (t.token || '{')) AS prefix_known,
           coalesce(cardinality(ts_lexize(${STEMMER[locale]}::regdictionary, t.token)) = 0, false) AS stopword
      FROM unnest(${tokens}::text[]) WITH ORDINALITY AS t(token, i)
     ORDER BY t.i`.execute(ctx.db)
  return r.rows.map((row) => ({ token: row.token, known: row.known, prefixKnown: row.prefix_known, stopword: row.stopword }))
}

async function synonymGroups(ctx: Ctx, tokens: string[], locale: Locale): Promise<SynonymGroup[]> {
  const r = await sql<{ terms: string[]; one_way: boolean }>`
    SELECT terms, one_way FROM search_synonyms WHERE locale = ${locale} AND terms && ${synonymCandidates(tokens)}::text[]`.execute(ctx.db)
  return r.rows.map((row) => ({ terms: row.terms, oneWay: row.one_way }))
}

type Correction = { token: string; term: string; wordDistance: number }

async function corrections(ctx: Ctx, items: { token: string; prefix: boolean }[], locale: Locale): Promise<Correction[]> {
  // Nearest 40 words by trigram distance (GiST KNN), then the closest by edit distance: whole
  // words first, then (for an unfinished last word) the start of a word; frequent words win ties.
  const r = await sql<{ token: string; term: string; word_distance: number }>`
    SELECT DISTINCT ON (u.token) u.token, c.term, c.word_distance
      FROM unnest(${items.map((i) => i.token)}::text[], ${items.map((i) => i.prefix)}::boolean[]) AS u(token, prefix)
      CROSS JOIN LATERAL (
        SELECT k.term, k.frequency, levenshtein(k.term, u.token) AS word_distance,
               CASE WHEN u.prefix THEN levenshtein(left(k.term, length(u.token)), u.token) ELSE 99 END AS prefix_distance
          FROM (SELECT term, frequency FROM search_terms WHERE locale = ${locale} ORDER BY term <-> u.token LIMIT 40) k
      ) c
      CROSS JOIN LATERAL (SELECT CASE WHEN length(u.token) >= 8 THEN 2 ELSE 1 END AS max_typos) m
     WHERE c.word_distance <= m.max_typos OR c.prefix_distance <= m.max_typos
     ORDER BY u.token, (c.word_distance <= m.max_typos) DESC, least(c.word_distance, c.prefix_distance), c.frequency DESC, c.term`.execute(ctx.db)
  return r.rows.map((row) => ({ token: row.token, term: row.term, wordDistance: row.word_distance }))
}
