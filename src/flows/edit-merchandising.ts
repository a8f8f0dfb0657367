import type { Ctx } from '../kernel/ctx.ts'
import { recordAudit } from '../modules/audit/index.ts'
import { createSearchRule, createSynonymGroup, deleteSearchRule, deleteSynonymGroup, listSearchRules, listSynonymGroups, type CreateSearchRuleInput, type CreateSynonymGroupInput } from '../modules/search/index.ts'

// The merchandising screen's writes: each change to the search rules or synonyms and its audit
// entry commit together. Searches see the change at once (triggers bump the index version).

const inTx = <T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> => ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }))

export const addSearchRule = (ctx: Ctx, input: CreateSearchRuleInput) =>
  inTx(ctx, async (tx) => {
    const rule = await createSearchRule(tx, input)
    await recordAudit(tx, { action: 'search.rule_created', entityType: 'search_rule', entityId: rule.id, before: null, after: rule })
    return rule
  })

export const removeSearchRule = (ctx: Ctx, id: string) =>
  inTx(ctx, async (tx) => {
    const before = (await listSearchRules(tx)).find((r) => r.id === id) ?? null
    await deleteSearchRule(tx, id)
    await recordAudit(tx, { action: 'search.rule_deleted', entityType: 'search_rule', entityId: id, before, after: null })
  })

export const addSynonymGroup = (ctx: Ctx, input: CreateSynonymGroupInput) =>
  inTx(ctx, async (tx) => {
    const group = await createSynonymGroup(tx, input)
    await recordAudit(tx, { action: 'search.synonyms_created', entityType: 'synonym_group', entityId: group.id, before: null, after: group })
    return group
  })

export const removeSynonymGroup = (ctx: Ctx, id: string) =>
  inTx(ctx, async (tx) => {
    const before = (await listSynonymGroups(tx)).find((g) => g.id === id) ?? null
    await deleteSynonymGroup(tx, id)
    await recordAudit(tx, { action: 'search.synonyms_deleted', entityType: 'synonym_group', entityId: id, before, after: null })
  })
