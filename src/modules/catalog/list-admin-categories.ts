import type { Ctx } from '../../kernel/ctx.ts'
import { catalogEditDb } from './edit-tables.ts'

/** A category as the back office edits it: both languages, its parent and version. */
export type AdminCategory = {
  id: string
  parentId: string | null
  code: string
  position: number
  name: { fr: string; en: string }
  slugs: { fr: string; en: string }
  description: { fr: string | null; en: string | null }
  version: number
  /** 0 for top categories */
  depth: number
}

/**
 * Every category (the tree is small), parents before their children in menu order, with the
 * depth for indenting. One query on the primary key; no cache: an editor sees its own save.
 */
export async function listAdminCategories(ctx: Ctx): Promise<AdminCategory[]> {
  const rows = await catalogEditDb(ctx.db)
    .selectFrom('categories')
    .select(['id', 'parent_id', 'code', 'position', 'name_fr', 'name_en', 'slug_fr', 'slug_en', 'description_fr', 'description_en', 'version'])
    .execute()
  const children = new Map<string | null, typeof rows>()
  for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r])
  const out: AdminCategory[] = []
  const walk = (parent: string | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.position - b.position || a.code.localeCompare(b.code))
    for (const r of list) {
      out.push({
        id: r.id, parentId: r.parent_id, code: r.code, position: r.position, version: r.version, depth,
        name: { fr: r.name_fr, en: r.name_en }, slugs: { fr: r.slug_fr, en: r.slug_en }, description: { fr: r.description_fr, en: r.description_en },
      })
      walk(r.id, depth + 1)
    }
  }
  walk(null, 0)
  return out
}
