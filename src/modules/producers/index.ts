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
/** Producers by id or slug (any status), or all of them: the back office's picker and the catalogue import. */
export { listProducerRefs, type ProducerRef } from './list-producer-refs.ts'
/** Replaces a producer's story and tagline (fr/en) with a version check; audited. */
export { updateProducerStory, ProducerStoryInput } from './update-producer-story.ts'
/** Sets or removes a producer's picture (audited). */
export { setProducerImage, SetProducerImageInput } from './set-producer-image.ts'
/** One producer for the back office's story editor (any status, with version and picture). */
export { getProducerForEdit, type ProducerForEdit } from './get-producer-for-edit.ts'
/** The dated agreement that applies to a producer on a day (purchase or consignment, payment terms). */
export { agreementInForce, type AgreementTerms } from './agreement-in-force.ts'
export type { PaymentTermsType } from './tables.ts'
/** A producer's bank account (IBAN, BIC, holder): read for finance, set with ISO 13616 checks (audited). */
export { getProducerBank, saveProducerBank, type ProducerBank } from './producer-bank.ts'
export { compactBankCode, groupIban, isValidBic, isValidIban, maskIban, ProducerBankInput } from './bank-details.ts'
/** The demo market's fictional producer accounts (after-seed step). */
export { loadDemoProducerBanks } from './demo-bank-accounts.ts'
