/**
 * Experiments and feature flags: definitions and their rules, deterministic assignment on the
 * storefront with exposures measured through the analytics events, the per-visitor roll-up and the
 * analysis (stats/ holds the pure statistics engine), the decision journal.
 */
export { analyseExperiment, type Analysis, type MetricResult, type VariantFigures, type VariantVsControl } from './analyse-experiment.ts'
export { experimentFor, exposureRows, isEnabled, type Assignment } from './experiment-for.ts'
export { getExperiment, listExperiments, type Experiment, type ExperimentSummary, type Variant } from './get-experiment.ts'
export { NO_VARIATION, productPageExperimentsRunning, productPageVariation, type ProductVariation } from './product-variation.ts'
export { experimentJobs, EXPERIMENTS_REFRESH_EVERY_SECONDS, EXPERIMENTS_REFRESH_JOB } from './jobs.ts'
export { refreshExperimentVisitors, type RefreshResult } from './refresh-visitors.ts'
export { DEVICES, MARKETS, METRICS, minSamplePerVariant, RANKINGS, SURFACES, type FieldError } from './rules.ts'
export { clearRunningExperiments, pageVariesByExperiment, runningExperiments } from './running.ts'
export { searchRankingExperimentRunning, searchRankingFor } from './search-variation.ts'
export { saveExperiment, type SaveExperimentInput } from './save-experiment.ts'
export { decisionsOf, recordDecision, searchJournal, startExperiment, stopExperiment, type JournalEntry, type StopInput } from './start-stop.ts'
export type { Metric, Surface, Targeting, VariantConfig } from './tables.ts'
export { visitOf, type ExperimentVisit, type VisitFacts } from './visit.ts'
