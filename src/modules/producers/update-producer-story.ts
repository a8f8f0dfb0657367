import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { producersDb } from './tables.ts'

// Free text is kept as typed (pages escape it on output); blank is stored as null; NUL is refused
// because PostgreSQL cannot store it.
const story = (label: string, max: number) =>
  z.string({ error: `${label} doit être un texte` })
    .max(max, `${label} : ${max} caractères au plus`)
    .refine((s) => !s.includes('\u0000'), `${label} contient un caractère interdit`)
    .nullish()
    .transform((s) => (s == null || s.trim() === '' ? null : s))

/** The producer's story and tagline, French and English side by side. */
export const ProducerStoryInput = z.object({
  producerId: z.string({ error: 'Choisissez le producteur' }).min(1, 'Choisissez le producteur'),
  expectedVersion: z.number({ error: 'La version est obligatoire' }).int().min(1),
  story: z.object({ fr: story('L’histoire en français', 10_000), en: story('L’histoire en anglais', 10_000) }),
  tagline: z.object({ fr: story('L’accroche en français', 160), en: story('L’accroche en anglais', 160) }).default({ fr: null, en: null }),
})
export type ProducerStoryInput = z.input<typeof ProducerStoryInput>

// Columns added by migration 0012 (not yet in tables.ts' ProducersTable).
type StoryColumns = { producers: { version: number; tagline_fr: string | null; tagline_en: string | null } }
const storyDb = (ctx: Ctx) => producersDb(ctx.db).withTables<StoryColumns>()

/**
 * Replaces a producer's story and tagline. The editor names the version the form was loaded
 * with: if someone saved in between, CONFLICT and nothing is overwritten. Audited in the same
 * transaction as the change.
 */
export async function updateProducerStory(ctx: Ctx, raw: ProducerStoryInput): Promise<{ producerId: string; version: number }> {
  const parsed = ProducerStoryInput.safeParse(raw)
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join(' · '), errors)
  }
  const input = parsed.data
  const run = async (tx: Ctx) => {
    const before = await storyDb(tx)
      .selectFrom('producers')
      .select(['id', 'version', 'story_fr', 'story_en', 'tagline_fr', 'tagline_en'])
      .where('id', '=', input.producerId)
      .forUpdate()
      .executeTakeFirst()
    if (!before) throw notFound('producer')
    if (before.version !== input.expectedVersion) throw new AppError('CONFLICT', 'Ce producteur a été modifié entre-temps : rechargez la page pour voir la dernière version.', { currentVersion: before.version })
    const after = { story_fr: input.story.fr, story_en: input.story.en, tagline_fr: input.tagline.fr, tagline_en: input.tagline.en }
    const row = await storyDb(tx)
      .updateTable('producers')
      .set({ ...after, version: before.version + 1, updated_at: tx.now })
      .where('id', '=', input.producerId)
      .returning('version')
      .executeTakeFirstOrThrow()
    const { id: _id, version: _v, ...was } = before
    await recordAudit(tx, { action: 'producers.story_updated', entityType: 'producer', entityId: input.producerId, before: was, after })
    return { producerId: input.producerId, version: row.version }
  }
  return inTransaction(ctx, run)
}
