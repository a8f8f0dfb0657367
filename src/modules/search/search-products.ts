import { sql, type RawBuilder } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { activeRules } from './merchandising-rules.ts'
import { normalizeQueryOrThrow, type NormalizedQuery } from './normalize-query.ts'
import { mergePage, pinSlots } from './pins.ts'
import { planQuery, TS_CONFIG } from './plan-query.ts'
import { cacheScope, logQuery, peek, type CacheScope, type HitLog } from './search-cache.ts'
import { bucketBounds, bucketLabel, bucketSelected, bucketValue, PRICE_EDGES } from './price-buckets.ts'
import type { FacetValue, Facets, SearchRequest, SearchResult } from './types.ts'

export const MAX_PER_PAGE = 100

type FacetName = 'category' | 'producer' | 'commune' | 'label' | 'price' | 'instock'
type Row = { facet: 'page' | 'total' | 'label' | FacetName; value: string | null; n: number | null; ids: string[] | null; label_fr: string | null; label_en: string | null; parent_id: string | null; position: number | null }

/**
 * Searches (or browses, without a query) the products sold in the request's market.
 * Cost is bounded by the number of matches, so the work per match is kept small:
 * - one SQL statement: the matching set (`base`: GIN match on the text, narrow heap rows) is
 *   materialised once; one GROUPING SETS pass counts every facet at once, each count with every
 *   filter but its own (disjunctive faceting, as Algolia does; labels are AND-ed, so their counts
 *   keep the label filter); the page is a top-N sort of the same rows; the query is logged in the
 *   same statement;
 * - relevance is cheap signals, not ts_rank over every match: rule tier (BOOST, normal, BURY),
 *   all words in the name, all words in name/category/producer/commune (weighted tsqueries),
 *   then in stock, featured, newest;
 * - query plans, rules and whole results are cached in memory under the index version
 *   (search-cache.ts), so a repeated request costs one round trip and never sees a stale index.
 */
export async function searchProducts(ctx: Ctx, request: SearchRequest): Promise<SearchResult> {
  const raw = request.query?.trim() ?? ''
  const query: NormalizedQuery | null = raw ? normalizeQueryOrThrow(raw) : null
  const locale = request.locale
  const page = Math.max(1, Math.floor(request.page) || 1)
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(request.perPage) || 24))
  const logIt = query !== null && page === 1 && request.log !== false
  const key = resultKey(request, query, page, perPage)
  const cached = peek<SearchResult>(ctx, key)
  const hitLog = (total: number): HitLog | null => (logIt ? { raw, normalized: query.text, locale, resultCount: total, at: ctx.now } : null)
  const scope = await cacheScope(ctx, cached ? { version: cached.version, log: cached.value.kind === 'results' ? hitLog(cached.value.total) : null } : undefined)
  if (cached && cached.version === scope.version) return structuredClone(cached.value)
  const { value: result, shared } = await scope.shared(key, () => computeSearch(ctx, scope, request, { raw, query, page, perPage, logIt }))
  // A request that joined another's computation still counts in the query log.
  const log = shared && result.kind === 'results' ? hitLog(result.total) : null
  if (log) await logQuery(ctx, log)
  return structuredClone(result)
}

/** The cache key of a request: everything that shapes the answer, in a canonical form. */
function resultKey(r: SearchRequest, query: NormalizedQuery | null, page: number, perPage: number): string {
  const f = r.filters
  const set = (xs: string[] | undefined) => (xs?.length ? [...new Set(xs)].sort() : null)
  return JSON.stringify(['search', r.locale, r.market, query?.text ?? '', r.sort, page, perPage, r.contextCategoryId ?? null, r.ignoreRules === true,
    set(f.categoryIds), set(f.producerIds), set(f.communes), set(f.labels), f.priceMin ?? null, f.priceMax ?? null, f.inStock === true,
    ...(r.ranking && r.ranking !== 'default' ? [r.ranking] : [])])
}

type Prepared = { raw: string; query: NormalizedQuery | null; page: number; perPage: number; logIt: boolean }

async function computeSearch(ctx: Ctx, scope: CacheScope, request: SearchRequest, input: Prepared): Promise<SearchResult> {
  const { raw, query, page, perPage } = input
  const locale = request.locale
  const plan = query ? await scope.memo(`plan|${locale}|search|${query.text}`, () => planQuery(ctx, query, locale, 'search')) : null
  const ruleInput = {
    queries: query ? [...new Set([query.text, plan?.correctedText ?? query.text])] : [],
    categoryId: query ? null : (request.contextCategoryId ?? null),
    locale,
  }
  const rules = request.ignoreRules ? [] : await scope.memo(`rules|${JSON.stringify(ruleInput)}`, () => activeRules(ctx, ruleInput))
  const redirect = rules.find((r) => r.action === 'REDIRECT')
  if (redirect?.redirectPath) return { kind: 'redirect', path: redirect.redirectPath }
  const relevance = request.sort === 'relevance'
  const idsOf = (action: string) => (relevance ? rules.filter((r) => r.action === action && r.productId).map((r) => r.productId!) : [])
  const pins = relevance ? dedupe(rules.filter((r) => r.action === 'PIN' && r.productId).map((r) => ({ productId: r.productId!, position: r.position ?? 1 }))) : []
  const pinIds = pins.map((p) => p.productId)

  const f = request.filters
  const start = (page - 1) * perPage
  const windowStart = Math.max(0, start - pins.length)
  const tsv = sql.ref(`d.tsv_${locale}`)
    const textMatch = plan ? sql`(${tsv} @@ (SELECT q FROM tq) OR d.product_id = ANY(${pinIds}::text[]))` : sql`true`
  const filters: Record<FacetName, RawBuilder<unknown> | null> = {
    category: f.categoryIds?.length ? sql`category_ids && ${f.categoryIds}::text[]` : null,
    producer: f.producerIds?.length ? sql`producer_id = ANY(${f.producerIds}::text[])` : null,
    commune: f.communes?.length ? sql`commune = ANY(${f.communes}::text[])` : null,
    label: f.labels?.length ? sql`labels @> ${f.labels}::text[]` : null,
    price: f.priceMin !== undefined || f.priceMax !== undefined ? sql`price >= ${f.priceMin ?? 0} AND price < ${f.priceMax ?? 2147483647}` : null,
    instock: f.inStock ? sql`in_stock` : null,
  }
  const where = (except?: FacetName) => {
    const parts = Object.entries(filters).filter(([k, v]) => k !== except && v !== null).map(([, v]) => v!)
    return parts.length ? sql.join(parts, sql` AND `) : sql`true`
  }
  // an experiment's alternative relevance (types.ts SearchRequest.ranking); the default order is untouched
  const relevanceOrder = {
    default: sql`tier, rank DESC, in_stock DESC, featured DESC, created_at DESC, product_id`,
    in_stock_first: sql`tier, in_stock DESC, rank DESC, featured DESC, created_at DESC, product_id`,
    newest_first: sql`tier, rank DESC, created_at DESC, in_stock DESC, featured DESC, product_id`,
  }[request.ranking ?? 'default']
  const order = {
    relevance: relevanceOrder,
    price_asc: sql`price, rank DESC, product_id`,
    price_desc: sql`price DESC, rank DESC, product_id`,
    newest: sql`created_at DESC, product_id`,
  }[request.sort]
  // 2: every word is in the name; 1: every word is in the name, categories, producer or commune
  // (weighted queries on the row's vector: a lookup, not a scoring pass); 0: labels or description only.
  const rank = plan ? sql`(CASE WHEN ${tsv} @@ (SELECT qa FROM tq) THEN 2 WHEN ${tsv} @@ (SELECT qb FROM tq) THEN 1 ELSE 0 END)` : sql`0`
  const tier = pinIds.length || idsOf('BOOST').length || idsOf('BURY').length
    ? sql`CASE WHEN d.product_id = ANY(${idsOf('BOOST')}::text[]) THEN 0 WHEN d.product_id = ANY(${idsOf('BURY')}::text[]) THEN 2 ELSE 1 END`
    : sql`1`

  const result = await sql<Row>`
    WITH tq AS MATERIALIZED (
      SELECT to_tsquery(${TS_CONFIG[locale]}::regconfig, ${plan?.tsquery ?? ''}) AS q, to_tsquery(${TS_CONFIG[locale]}::regconfig, ${plan?.nameTsquery ?? ''}) AS qa,
             to_tsquery(${TS_CONFIG[locale]}::regconfig, ${plan?.keyTsquery ?? ''}) AS qb
    ),
    base AS MATERIALIZED (
      SELECT d.product_id, d.category_ids, d.category_top, d.category_sub, d.producer_id, d.commune, d.labels,
             (d.prices ->> ${request.market})::int AS price, d.in_stock, d.featured, d.created_at, ${rank} AS rank, ${tier} AS tier
        FROM search_documents d
       WHERE d.prices ? ${request.market}
         AND ${request.contextCategoryId ? sql`d.category_ids @> ARRAY[${request.contextCategoryId}]::text[]` : sql`true`}
         AND ${textMatch}
    ),
    counts AS (
      SELECT CASE WHEN GROUPING(category_top) = 0 OR GROUPING(category_sub) = 0 THEN 'category'
                  WHEN GROUPING(producer_id) = 0 THEN 'producer' WHEN GROUPING(commune) = 0 THEN 'commune'
                  WHEN GROUPING(bucket) = 0 THEN 'price' WHEN GROUPING(in_stock) = 0 THEN 'instock' ELSE 'total' END AS facet,
             coalesce(category_top, category_sub, producer_id, commune, bucket::text, in_stock::text) AS value,
             CASE WHEN GROUPING(category_top) = 0 OR GROUPING(category_sub) = 0 THEN count(*) FILTER (WHERE ${where('category')})
                  WHEN GROUPING(producer_id) = 0 THEN count(*) FILTER (WHERE ${where('producer')})
                  WHEN GROUPING(commune) = 0 THEN count(*) FILTER (WHERE ${where('commune')})
                  WHEN GROUPING(bucket) = 0 THEN count(*) FILTER (WHERE ${where('price')})
                  WHEN GROUPING(in_stock) = 0 THEN count(*) FILTER (WHERE ${where('instock')})
                  ELSE count(*) FILTER (WHERE ${where()}) END::int AS n
        FROM (SELECT *, width_bucket(price, ${[...PRICE_EDGES]}::int[]) AS bucket FROM base) b
       GROUP BY GROUPING SETS ((category_top), (category_sub), (producer_id), (commune), (bucket), (in_stock), ())
    ),
    facets AS (
      SELECT facet, value, n FROM counts
       WHERE n > 0 AND value IS NOT NULL AND (facet <> 'instock' OR value = 'true')
      UNION ALL SELECT 'label', l, count(*)::int FROM base, unnest(base.labels) l WHERE ${where()} GROUP BY l
    ),
    logged AS (
      INSERT INTO search_queries (query, normalized, locale, result_count, created_at)
      SELECT ${raw}, ${query?.text ?? ''}, ${locale}, c.n, ${ctx.now} FROM counts c WHERE c.facet = 'total' AND ${input.logIt}
    )
    SELECT 'page' AS facet, NULL AS value, NULL::int AS n,
           (SELECT array_agg(product_id ORDER BY ${order}) FROM (
              SELECT * FROM base WHERE ${where()} AND NOT (product_id = ANY(${pinIds}::text[])) ORDER BY ${order} LIMIT ${start + perPage - windowStart} OFFSET ${windowStart}
            ) w) AS ids,
           NULL AS label_fr, NULL AS label_en, NULL AS parent_id, NULL::int AS position
    UNION ALL
    SELECT 'total', NULL, (SELECT n FROM counts WHERE facet = 'total'),
           (SELECT array_agg(product_id) FROM base WHERE ${where()} AND product_id = ANY(${pinIds}::text[])), NULL, NULL, NULL, NULL
    UNION ALL
    SELECT f.facet, f.value, f.n, NULL, fl.label_fr, fl.label_en, fl.parent_id, fl.position
      FROM facets f LEFT JOIN search_facet_labels fl ON fl.facet = f.facet AND fl.value = f.value`.execute(ctx.db)

  const rows = result.rows
  const totalRow = rows.find((r) => r.facet === 'total')
  const total = totalRow?.n ?? 0
  const eligiblePins = new Set(totalRow?.ids ?? [])
  const slots = pinSlots(pins.filter((p) => eligiblePins.has(p.productId)), total)
  const unpinned = rows.find((r) => r.facet === 'page')?.ids ?? []
  const productIds = slots.size ? mergePage({ start, perPage, total, slots, unpinned, windowStart }) : unpinned.slice(start - windowStart, start - windowStart + perPage)
  return { kind: 'results', productIds, total, page, perPage, facets: buildFacets(rows, request, locale), correctedQuery: plan?.correctedText ?? null }
}

function dedupe<T extends { productId: string }>(items: T[]): T[] {
  const seen = new Set<string>()
  return items.filter((i) => !seen.has(i.productId) && seen.add(i.productId))
}

function buildFacets(rows: Row[], request: SearchRequest, locale: Locale): Facets {
  const f = request.filters
  const label = (r: Row) => (locale === 'fr' ? r.label_fr : r.label_en) ?? r.value ?? ''
  const values = (facet: FacetName, selected: string[] = []): FacetValue[] => {
    const out = rows.filter((r) => r.facet === facet && r.value !== null).map((r) => ({ value: r.value!, label: label(r), count: r.n ?? 0, selected: selected.includes(r.value!) }))
    for (const s of selected) if (!out.some((v) => v.value === s)) out.push({ value: s, label: s, count: 0, selected: true })
    return out.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, locale))
  }
  // Categories keep the catalogue order (top category by position, then its children), with the parent id.
  const catRows = new Map(rows.filter((r) => r.facet === 'category' && r.value).map((r) => [r.value!, r]))
  const categoryKey = (r: Row): number[] => {
    const parent = r.parent_id ? catRows.get(r.parent_id) : undefined
    return parent ? [parent.position ?? 0, 1, r.position ?? 0] : [r.position ?? 0, 0, 0]
  }
  const category = [...catRows.values()]
    .sort((a, b) => {
      const ka = categoryKey(a), kb = categoryKey(b)
      return ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!
    })
    .map((r) => ({ value: r.value!, label: label(r), count: r.n ?? 0, selected: (f.categoryIds ?? []).includes(r.value!), parentId: r.parent_id }))
  const price = rows
    .filter((r) => r.facet === 'price' && r.value !== null)
    .map((r) => ({ index: Number(r.value), n: r.n ?? 0 }))
    .sort((a, b) => a.index - b.index)
    .map(({ index, n }) => {
      const b = bucketBounds(index)
      return { value: bucketValue(b), label: bucketLabel(b, locale), count: n, selected: bucketSelected(b, f.priceMin, f.priceMax) }
    })
  return {
    category,
    producer: values('producer', f.producerIds),
    commune: values('commune', f.communes),
    label: values('label', f.labels),
    price,
    inStock: { count: rows.find((r) => r.facet === 'instock')?.n ?? 0, selected: f.inStock === true },
  }
}
