import type { Ctx } from '../kernel/ctx.ts'
import { clearCatalogCache } from '../modules/catalog/index.ts'
import { updateProducerStory, type ProducerStoryInput } from '../modules/producers/index.ts'

/**
 * A producer's story and tagline saved (version checked, audited); product pages and tiles show
 * the producer, so the catalogue caches are cleared. The route clears its page cache after.
 */
export async function updateProducerStoryAndCaches(ctx: Ctx, input: ProducerStoryInput) {
  const result = await updateProducerStory(ctx, input)
  clearCatalogCache()
  return result
}
