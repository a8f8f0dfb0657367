// Public API of the producers module: the producers shoppers may see.

/** The producer directory (ACTIVE producers, operator excluded), optionally only featured ones. */
export { listProducers, type ListProducersInput } from './list-producers.ts'
/** One producer's page data by slug, or null; its products come from catalog.getProducerDetail. */
export { getProducer } from './get-producer.ts'
/** Public summaries of several producers in one query, keyed by id (tiles, product pages). */
export { getProducerSummaries } from './get-producer-summaries.ts'
/** Slugs and update times of every producer page, for sitemap.xml. */
export { listProducerSitemapEntries, type ProducerSitemapEntry } from './list-producer-sitemap-entries.ts'
/** Ids of ACTIVE producers named by slug or id, keyed by the given name (filters). */
export { findProducerIds } from './find-producer-ids.ts'
