/**
 * Bayesian read-outs, as decision aids next to the frequentist ones.
 * - Conversions: Beta-Binomial (uniform Beta(1,1) prior by default); chance to beat control is the
 *   exact P(p_B > p_A) (beta-binomial.ts).
 * - Relative uplift: Gaussian posterior of the lift, centred on the delta-method estimate with its
 *   standard error (flat prior, or an optional Gaussian prior on the lift, conjugate update) —
 *   GrowthBook gbstats' EffectBayesianABTest. Credible interval, and expected loss ("risk") of
 *   shipping each arm: E[max(0, −Δ)] for the treatment, E[max(0, Δ)] for the control, with
 *   E[max(0, X)] = σφ(μ/σ) + μΦ(μ/σ) for X ~ N(μ, σ²).
 */
import { probabilityBBeatsA } from './beta-binomial.ts'
import { checkConversionCounts, rateEstimate, type ConversionCounts } from './conversion-test.ts'
import { normalCdf, normalPdf, normalQuantile } from './distributions.ts'
import { relativeVariance, type Estimate, type Interval } from './effect.ts'
import { meanEstimate } from './mean-test.ts'
import { checkMeanStats, type MeanStats } from './moments.ts'
import { requireFinite, requirePositive, requireProbability } from './validate.ts'

export type GaussianPrior = { mean: number; variance: number }

export type BayesianResult = {
  chanceToBeatControl: number
  /** posterior of the relative uplift B/A − 1; null while the control metric is 0 (no lift over nothing) */
  uplift: { mean: number; standardDeviation: number; credibleInterval: Interval } | null
  /** expected relative loss of shipping each arm; null with the uplift */
  risk: { control: number; treatment: number } | null
}

export type BayesOptions = { credibility?: number; prior?: GaussianPrior }

function expectedPositivePart(mean: number, sd: number): number {
  if (sd === 0) return Math.max(0, mean)
  return sd * normalPdf(mean / sd) + mean * normalCdf(mean / sd)
}

type Posterior = { mean: number; sd: number; interval: Interval }

function checkOptions(options: BayesOptions): void {
  requireProbability('credibility', options.credibility ?? 0.95)
  if (options.prior) {
    requireFinite('prior.mean', options.prior.mean)
    requirePositive('prior.variance', options.prior.variance)
  }
}

function upliftPosterior(a: Estimate, b: Estimate, options: BayesOptions): Posterior | null {
  const credibility = options.credibility ?? 0.95
  if (a.value === 0) return null
  let mean = b.value / a.value - 1
  let variance = relativeVariance(a, b)
  if (options.prior) {
    const precision = 1 / options.prior.variance + (variance > 0 ? 1 / variance : Infinity)
    mean = variance > 0 ? (options.prior.mean / options.prior.variance + mean / variance) / precision : mean
    variance = variance > 0 ? 1 / precision : 0
  }
  const sd = Math.sqrt(variance)
  const z = normalQuantile(1 - (1 - credibility) / 2)
  return { mean, sd, interval: [mean - z * sd, mean + z * sd] }
}

function result(chance: number, u: Posterior | null): BayesianResult {
  if (!u) return { chanceToBeatControl: chance, uplift: null, risk: null }
  const lossControl = expectedPositivePart(u.mean, u.sd)
  return {
    chanceToBeatControl: chance,
    uplift: { mean: u.mean, standardDeviation: u.sd, credibleInterval: u.interval },
    risk: { control: lossControl, treatment: lossControl - u.mean },
  }
}

/** Conversions: exact Beta-Binomial chance to beat control (defined even with 0 conversions); Gaussian posterior of the lift. */
export function bayesConversions(
  control: ConversionCounts,
  treatment: ConversionCounts,
  options: BayesOptions & { betaPrior?: { alpha: number; beta: number } } = {},
): BayesianResult {
  checkConversionCounts('control', control)
  checkConversionCounts('treatment', treatment)
  checkOptions(options)
  const prior = options.betaPrior ?? { alpha: 1, beta: 1 }
  const post = (c: ConversionCounts) => ({ alpha: prior.alpha + c.conversions, beta: prior.beta + c.visitors - c.conversions })
  const chance = probabilityBBeatsA(post(control), post(treatment))
  return result(chance, upliftPosterior(rateEstimate(control), rateEstimate(treatment), options))
}

/** Continuous metrics: Gaussian posterior of the lift; chance to beat control = P(lift > 0). */
export function bayesMeans(control: MeanStats, treatment: MeanStats, options: BayesOptions = {}): BayesianResult {
  checkMeanStats('control', control)
  checkMeanStats('treatment', treatment)
  checkOptions(options)
  const a = meanEstimate(control)
  const b = meanEstimate(treatment)
  const u = upliftPosterior(a, b, options)
  // with a zero control mean the sign of the lift is the sign of the difference B − A
  const mean = u ? u.mean : b.value - a.value
  const sd = u ? u.sd : Math.sqrt(a.variance + b.variance)
  const chance = sd > 0 ? normalCdf(mean / sd) : mean > 0 ? 1 : mean < 0 ? 0 : 0.5
  return result(chance, u)
}
