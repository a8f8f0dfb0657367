/**
 * Experiments — the statistics engine (pure functions: no database, no I/O).
 *
 * Inputs are sufficient statistics a query can aggregate per variant (counts, sums, sums of
 * squares and products); outputs are plain objects. Bad input throws a RangeError naming the field.
 * Distributions and special functions come from @stdlib (distributions.ts).
 *
 * | method                         | file              | source                                                        |
 * |--------------------------------|-------------------|---------------------------------------------------------------|
 * | conversion rate, z-test, lift  | conversion-test   | pooled two-proportion z-test (statsmodels proportions_ztest); |
 * |                                |                   | Wald CI; lift by the delta method (Deng et al. 2018)          |
 * | means (revenue per visitor)    | mean-test         | Welch t-test, Welch–Satterthwaite df (as gbstats TTest)       |
 * | ratio metrics (AOV)            | ratio-test        | delta method, Deng, Knoblich & Lu 2018                        |
 * | Bayesian chance to beat, lift  | bayesian,         | Beta-Binomial exact P(B>A): Evan Miller 2015; Gaussian effect |
 * | credible interval, risk        | beta-binomial     | posterior + expected loss: gbstats EffectBayesianABTest       |
 * | always-valid p-value / CI      | sequential        | mSPRT, Johari, Koomen, Pekelis & Walsh 2017/2022; τ² tuning   |
 * |                                |                   | as GrowthBook (Howard et al. 2021 normal mixture)             |
 * | sample-ratio mismatch          | srm               | Pearson χ² goodness of fit, flag p < 0.001 (Fabijan 2019)     |
 * | CUPED                          | cuped             | Deng, Xu, Kohavi & Walker 2013, θ pooled within variants      |
 * | sample size (conversions)      | sample-size       | Evan Miller's calculator formula                              |
 * | deterministic assignment       | assign-variant    | SHA-256("key:visitor") → bucket in [0, 10000)                 |
 * | seeded simulation draws        | simulation        | mulberry32 + inverse normal CDF                               |
 */
export { compareConversions, conversionLook, type ConversionComparison, type ConversionCounts } from './conversion-test.ts'
export { compareMeans, type MeanComparison } from './mean-test.ts'
export { compareRatios, type RatioComparison } from './ratio-test.ts'
export type { MeanStats, RatioStats } from './moments.ts'
export type { Comparison, Effect, Interval } from './effect.ts'
export { bayesConversions, bayesMeans, type BayesianResult, type GaussianPrior } from './bayesian.ts'
export { probabilityBBeatsA, type BetaPosterior } from './beta-binomial.ts'
export {
  alwaysValidSequence,
  confidenceSequenceHalfWidth,
  logMixtureLikelihoodRatio,
  mixingVarianceFor,
  type Look,
  type SequentialLook,
} from './sequential.ts'
export { checkSampleRatio, SRM_THRESHOLD, type SrmResult } from './srm.ts'
export { compareCuped, type CupedComparison, type CupedStats } from './cuped.ts'
export { sampleSizeForConversion, type SampleSize, type SampleSizeInput } from './sample-size.ts'
export { assignVariant, bucketOf, bucketRanges, BUCKETS, type WeightedVariant } from './assign-variant.ts'
export { seededSampler, type Sampler } from './simulation.ts'
