/** One word position of the query: what the shopper typed (maybe corrected) and its synonyms. */
export type QueryTerm = {
  /** the word searched, after typo correction */
  word: string
  /** match words starting with it (an unfinished last word, autocomplete) */
  prefix: boolean
  /** equivalent phrases from synonym groups, each a list of words ('ti punch' → ['ti', 'punch']) */
  synonyms: string[][]
  /** how many typed tokens this term covers (a multi-word synonym like "ti punch" covers two) */
  span: number
}

/** Synonym groups as stored: normalised terms; one_way: the first term expands to the others only. */
export type SynonymGroup = { terms: string[]; oneWay: boolean }

/** Match only words of these weights (A: the product name; AB: name, categories, producer, commune), for ranking signals. */
export type Weight = 'A' | 'AB' | null

const lexeme = (w: string, prefix = false, weight: Weight = null) => `'${w}'${prefix || weight ? ':' : ''}${prefix ? '*' : ''}${weight ?? ''}`

/**
 * Text for `to_tsquery(config, $1)`: terms AND-ed, each term OR-ed with its synonyms, phrases
 * with `<->` (with a `weight`, every lexeme must carry it: `'rhum':A` is a name word). Words are [a-z0-9] only (normalizeQuery), so quoting cannot be broken; the text is
 * still passed as a bound parameter, never spliced into SQL. Stop words are dropped by PostgreSQL.
 * @example tsqueryText([{ word: 'rhum', prefix: false, synonyms: [['rum']], span: 1 }]) // "('rhum' | 'rum')"
 */
export function tsqueryText(terms: QueryTerm[], weight: Weight = null): string {
  return terms
    .map((t) => {
      const own = t.word.split(' ').map((w, i, all) => lexeme(w, t.prefix && i === all.length - 1, weight)).join(' <-> ')
      const alts = t.synonyms.map((phrase) => phrase.map((w) => lexeme(w, false, weight)).join(' <-> '))
      return `(${[own, ...alts].join(' | ')})`
    })
    .join(' & ')
}

/** Candidate phrases (1 to 3 consecutive tokens) to look up in the synonym table. */
export function synonymCandidates(tokens: string[]): string[] {
  const out = new Set<string>()
  for (let i = 0; i < tokens.length; i++) for (let n = 1; n <= 3 && i + n <= tokens.length; n++) out.add(tokens.slice(i, i + n).join(' '))
  return [...out]
}

/**
 * Groups the tokens into terms, longest synonym phrase first ("ti punch" is one term when a
 * group lists it), and attaches the other members of every group the term belongs to.
 */
export function applySynonyms(tokens: string[], groups: SynonymGroup[], prefixLast: boolean): QueryTerm[] {
  const expansions = (phrase: string): string[][] => {
    const alts = new Set<string>()
    for (const g of groups) {
      const at = g.terms.indexOf(phrase)
      if (at < 0 || (g.oneWay && at !== 0)) continue
      for (const t of g.terms) if (t !== phrase) alts.add(t)
    }
    return [...alts].map((a) => a.split(' '))
  }
  const known = new Set(groups.flatMap((g) => g.terms))
  const terms: QueryTerm[] = []
  for (let i = 0; i < tokens.length; ) {
    let n = Math.min(3, tokens.length - i)
    while (n > 1 && !known.has(tokens.slice(i, i + n).join(' '))) n--
    const phrase = tokens.slice(i, i + n).join(' ')
    const last = i + n === tokens.length
    terms.push({ word: phrase, prefix: prefixLast && last && n === 1, synonyms: expansions(phrase), span: n })
    i += n
  }
  return terms
}
