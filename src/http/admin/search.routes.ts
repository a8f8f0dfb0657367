import { h } from 'preact'
import { z } from 'zod'
import type { Locale } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { addSearchRule, addSynonymGroup, removeSearchRule, removeSynonymGroup } from '../../flows/edit-merchandising.ts'
import { findProductByRef, getCategoryTree, getProductCards, type CategoryNode } from '../../modules/catalog/index.ts'
import { listSearchRules, listSynonymGroups, listZeroResultQueries, normalizeQuery, postgresSearchEngine, type CreateSearchRuleInput, type SearchResult } from '../../modules/search/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { SearchAdminPage, type Preview, type PreviewItem } from '../../web/admin/search-pages.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, sendAdmin } from './admin-kit.ts'

const FLASH = { rule: 'La règle est ajoutée : elle s’applique dès maintenant.', ruleGone: 'La règle est supprimée.', syn: 'Le groupe de synonymes est ajouté.', synGone: 'Le groupe est supprimé.' }
const MARKS: Record<string, string> = { PIN: 'épinglé', BOOST: 'remonté', BURY: 'enfoncé' }

const previewQuery = z.object({ q: z.string().max(200).optional(), langue: z.enum(['fr', 'en']).catch('fr'), marche: z.enum(['FR-MAINLAND', 'GP']).catch('FR-MAINLAND') })

const blank = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
/** The rule form: one of a query or a category; a product for pin/boost/bury; a position for a pin; a path for a redirect. */
const ruleForm = z
  .object({
    action: z.enum(['PIN', 'BOOST', 'BURY', 'REDIRECT'], { error: 'Choisissez une action.' }),
    query: z.preprocess(blank, z.string().max(200).optional()),
    categoryId: z.preprocess(blank, z.string().max(40).optional()),
    locale: z.preprocess(blank, z.enum(['fr', 'en']).optional()),
    product: z.preprocess(blank, z.string().max(200).optional()),
    position: z.preprocess(blank, z.coerce.number({ error: 'Une position est un nombre.' }).int('Une position est un nombre entier.').min(1, 'La première position est 1.').max(100, 'Position 100 au plus.').optional()),
    path: z.preprocess(blank, z.string().max(300).optional()),
  })
  .superRefine((v, c) => {
    if (v.action === 'REDIRECT') {
      if (!v.query) c.addIssue({ code: 'custom', path: ['query'], message: 'Une redirection s’applique à une requête.' })
      if (!v.path || !/^\/(?![/\\])\S*$/.test(v.path)) c.addIssue({ code: 'custom', path: ['path'], message: 'Indiquez une page du site commençant par « / ».' })
      return
    }
    if (!v.query === !v.categoryId) c.addIssue({ code: 'custom', path: ['query'], message: 'Indiquez une requête ou une catégorie (pas les deux).' })
    if (!v.product) c.addIssue({ code: 'custom', path: ['product'], message: 'Indiquez le produit concerné.' })
    if (v.action === 'PIN' && !v.position) c.addIssue({ code: 'custom', path: ['position'], message: 'Indiquez la position où épingler le produit.' })
  })
const synonymForm = z.object({
  locale: z.enum(['fr', 'en']).catch('fr'),
  terms: z
    .string()
    .max(500)
    .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))
    .refine((ts) => ts.length >= 2, 'Indiquez au moins deux termes, séparés par des virgules.')
    .refine((ts) => ts.length <= 20, '20 termes au plus.'),
  oneWay: z.preprocess((v) => v === 'on', z.boolean()),
})
const idParams = z.object({ id: z.string().min(1).max(40) })

function flatten(nodes: CategoryNode[], depth = 0): { value: string; label: string }[] {
  return nodes.flatMap((n) => [{ value: n.id, label: `${'— '.repeat(depth)}${n.name}` }, ...flatten(n.children, depth + 1)])
}

/** Search merchandising: preview, rules, synonyms, zero-result queries. */
export function registerSearchAdminRoutes(app: App, deps: RouteDeps): void {
  type Req = Parameters<typeof adminView>[0]
  type Reply = Parameters<typeof adminView>[1]

  async function itemsOf(req: Req, locale: Locale, market: string, result: SearchResult, marks: Map<string, string>): Promise<PreviewItem[] | { redirect: string }> {
    if (result.kind === 'redirect') return { redirect: result.path }
    const cards = await getProductCards({ ...req.ctx, locale, market }, result.productIds)
    return cards.map((c) => ({ id: c.id, name: c.name, handle: c.handle, mark: marks.get(c.id) ?? null }))
  }

  async function page(req: Req, reply: Reply, extra: { ruleErrors?: FormErrors; ruleValues?: Record<string, string>; synonymErrors?: FormErrors; synonymValues?: Record<string, string> } = {}, status = 200) {
    const ctx = req.ctx
    const q = previewQuery.parse(req.query ?? {})
    let preview: Preview | null = null
    let previewError: string | null = null
    const text = q.q?.trim()
    if (text) {
      const n = normalizeQuery(text)
      if (!n.ok) previewError = 'Cette requête ne peut pas être cherchée (trop longue ou illisible).'
      else {
        const request = { query: text, locale: q.langue, market: q.marche, filters: {}, sort: 'relevance' as const, page: 1, perPage: 12, log: false }
        const sctx = { ...ctx, locale: q.langue as Locale, market: q.marche }
        const [withRules, withoutRules, rules] = await Promise.all([
          postgresSearchEngine.search(sctx, request),
          postgresSearchEngine.search(sctx, { ...request, ignoreRules: true }),
          listSearchRules(ctx, { query: text }),
        ])
        const marks = new Map(rules.filter((r) => r.productId && MARKS[r.action]).map((r) => [r.productId!, MARKS[r.action]!]))
        preview = {
          query: text,
          locale: q.langue,
          market: q.marche,
          total: withRules.kind === 'results' ? withRules.total : 0,
          withRules: await itemsOf(req, q.langue, q.marche, withRules, marks),
          withoutRules: withoutRules.kind === 'results' ? ((await itemsOf(req, q.langue, q.marche, withoutRules, new Map())) as PreviewItem[]) : [],
        }
      }
    }
    const [rules, synonyms, zero, tree] = await Promise.all([
      listSearchRules(ctx),
      listSynonymGroups(ctx),
      listZeroResultQueries(ctx, { since: new Date(ctx.now.getTime() - 30 * 86400_000), limit: 50 }),
      getCategoryTree(ctx),
    ])
    const categories = flatten(tree)
    const categoryName = new Map(categories.map((c) => [c.value, c.label.replace(/^(— )+/, '')]))
    const productIds = [...new Set(rules.map((r) => r.productId).filter((x): x is string => Boolean(x)))]
    const cards = new Map((await getProductCards(ctx, productIds)).map((c) => [c.id, c.name]))
    return sendAdmin(
      reply,
      h(SearchAdminPage, {
        view: adminView(req, reply, deps),
        preview,
        previewError,
        rules: rules.map((r) => ({
          id: r.id,
          action: r.action,
          scope: r.query ? `« ${r.query} »` : `catégorie ${categoryName.get(r.categoryId ?? '') ?? r.categoryId}`,
          locale: r.locale,
          product: r.productId ? (cards.get(r.productId) ?? r.productId) : null,
          position: r.position,
          redirectPath: r.redirectPath,
          createdAt: r.createdAt,
        })),
        synonyms: synonyms.map((s) => ({ id: s.id, locale: s.locale, terms: s.terms, oneWay: s.oneWay })),
        zero,
        categories,
        flash: flashOf(req, FLASH),
        ...extra,
      }),
      status,
    )
  }

  app.get('/admin/recherche', { config: { permission: 'search.insights' }, schema: { hide: true } }, async (req, reply) => page(req, reply))

  app.post('/admin/recherche/regles', { config: { permission: 'merchandising.edit' }, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    const values = Object.fromEntries(['action', 'query', 'categoryId', 'locale', 'product', 'position', 'path'].map((k) => [k, typeof body[k] === 'string' ? (body[k] as string) : '']))
    const parsed = ruleForm.safeParse(values)
    if (!parsed.success) {
      const errors: FormErrors = {}
      for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'action')] ??= i.message
      return page(req, reply, { ruleErrors: errors, ruleValues: values }, 400)
    }
    const v = parsed.data
    let input: CreateSearchRuleInput
    if (v.action === 'REDIRECT') input = { action: 'REDIRECT', query: v.query!, path: v.path!, locale: v.locale ?? null }
    else {
      const product = await findProductByRef(req.ctx, v.product!)
      if (!product) return page(req, reply, { ruleErrors: { product: 'Aucun produit ne correspond à ce handle, SKU ou identifiant.' }, ruleValues: values }, 400)
      const scope = v.query ? { query: v.query } : { categoryId: v.categoryId! }
      input = v.action === 'PIN' ? { action: 'PIN', productId: product.id, position: v.position!, locale: v.locale ?? null, ...scope } : { action: v.action, productId: product.id, locale: v.locale ?? null, ...scope }
    }
    try {
      await addSearchRule(req.ctx, input)
    } catch (err) {
      if (err instanceof AppError && (err.code === 'VALIDATION_FAILED' || err.code === 'SEARCH_QUERY_INVALID')) return page(req, reply, { ruleErrors: { query: err.message }, ruleValues: values }, 400)
      throw err
    }
    const back = v.query ? `&q=${encodeURIComponent(v.query)}${v.locale ? `&langue=${v.locale}` : ''}` : ''
    return reply.redirect(`/admin/recherche?ok=rule${back}`, 303)
  })

  app.post('/admin/recherche/regles/:id/supprimer', { config: { permission: 'merchandising.edit' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    await removeSearchRule(req.ctx, req.params.id)
    return reply.redirect('/admin/recherche?ok=ruleGone', 303)
  })

  app.post('/admin/recherche/synonymes', { config: { permission: 'merchandising.edit' }, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    const values = { locale: String(body.locale ?? 'fr'), terms: String(body.terms ?? ''), oneWay: body.oneWay === 'on' ? 'on' : '' }
    const parsed = synonymForm.safeParse(values)
    if (!parsed.success) return page(req, reply, { synonymErrors: { terms: parsed.error.issues[0]?.message ?? 'Termes invalides.' }, synonymValues: values }, 400)
    try {
      await addSynonymGroup(req.ctx, { locale: parsed.data.locale, terms: parsed.data.terms, oneWay: parsed.data.oneWay })
    } catch (err) {
      if (err instanceof AppError && (err.code === 'VALIDATION_FAILED' || err.code === 'SEARCH_QUERY_INVALID')) return page(req, reply, { synonymErrors: { terms: 'Indiquez au moins deux termes différents et lisibles.' }, synonymValues: values }, 400)
      throw err
    }
    return reply.redirect('/admin/recherche?ok=syn#synonymes', 303)
  })

  app.post('/admin/recherche/synonymes/:id/supprimer', { config: { permission: 'merchandising.edit' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    await removeSynonymGroup(req.ctx, req.params.id)
    return reply.redirect('/admin/recherche?ok=synGone#synonymes', 303)
  })
}
