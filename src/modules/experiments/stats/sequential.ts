/**
 * Sequential testing that is safe under continuous peeking: the mixture sequential probability
 * ratio test (mSPRT) of Johari, Koomen, Pekelis & Walsh, "Always Valid Inference" (Operations
 * Research 2022; KDD 2017). For an estimate θ̂ ~ N(θ, v) and a normal mixing distribution
 * θ ~ N(θ0, τ²) under the alternative, the mixture likelihood ratio against H0: θ = θ0 is
 *   Λ = √(v / (v + τ²)) · exp( τ²(θ̂ − θ0)² / (2v(v + τ²)) )
 * (with v = σ²/n this is the paper's √(σ²/(σ²+nτ²))·exp(n²τ²Δ²/(2σ²(σ²+nτ²)))).
 * Λ is a non-negative martingale under H0, so by Ville's inequality the running minimum of
 * 1/Λ is an always-valid p-value, and {θ0 : Λ(θ0) < 1/α} (intersected over looks) an always-valid
 * confidence sequence. With τ² = ρ²·σ² this interval is exactly the normal-mixture confidence
 * sequence GrowthBook uses (Howard et al. 2021), ρ tuned from a planned sample size N*.
 */
import type { Interval } from './effect.ts'
import { requireAlpha, requireFinite, requirePositive } from './validate.ts'

/** One look at the data: the effect estimate and the variance of that estimate. */
export type Look = { estimate: number; variance: number }

export type SequentialLook = {
  /** ln Λ at this look */
  logLikelihoodRatio: number
  /** always-valid p-value: running minimum of min(1, 1/Λ) */
  pValue: number
  /** always-valid confidence interval: intersection of the intervals of every look so far (empty, low > high,
   *  only if the data contradict a constant effect, e.g. a novelty effect fading) */
  ci: Interval
  /** pValue < alpha: stopping now keeps the type I error ≤ alpha */
  significant: boolean
}

function checkLook(i: number, look: Look): void {
  requireFinite(`looks[${i}].estimate`, look.estimate)
  requirePositive(`looks[${i}].variance`, look.variance)
}

/** ln Λ of the mixture SPRT for one look. */
export function logMixtureLikelihoodRatio(look: Look, tau2: number, nullValue = 0): number {
  requirePositive('tau2', tau2)
  const v = look.variance
  return 0.5 * Math.log(v / (v + tau2)) + (tau2 * (look.estimate - nullValue) ** 2) / (2 * v * (v + tau2))
}

/** Half-width of {θ0 : Λ(θ0) < 1/α} at one look. */
export function confidenceSequenceHalfWidth(variance: number, tau2: number, alpha: number): number {
  requirePositive('variance', variance)
  requirePositive('tau2', tau2)
  requireAlpha(alpha)
  const v = variance
  return Math.sqrt(((2 * v * (v + tau2)) / tau2) * (0.5 * Math.log((v + tau2) / v) - Math.log(alpha)))
}

/**
 * The mixing variance τ² chosen as GrowthBook does: ρ² = (−2 ln α + ln(1 − 2 ln α)) / N*, the
 * boundary being tightest near N* units; τ² = ρ²·σ² with σ² the per-unit variance of the effect
 * (n · Var(θ̂), n = units so far in both arms). Fix it once (from a pilot or the first looks).
 */
export function mixingVarianceFor(options: { plannedSampleSize: number; unitVariance: number; alpha?: number }): number {
  const alpha = options.alpha ?? 0.05
  requireAlpha(alpha)
  requirePositive('plannedSampleSize', options.plannedSampleSize)
  requirePositive('unitVariance', options.unitVariance)
  const rho2 = (-2 * Math.log(alpha) + Math.log(1 - 2 * Math.log(alpha))) / options.plannedSampleSize
  return rho2 * options.unitVariance
}

/** Walks the looks in time order; every entry is valid whenever the experimenter stops. */
export function alwaysValidSequence(looks: readonly Look[], options: { tau2: number; alpha?: number; nullValue?: number }): SequentialLook[] {
  const alpha = options.alpha ?? 0.05
  requireAlpha(alpha)
  requirePositive('tau2', options.tau2)
  const nullValue = options.nullValue ?? 0
  requireFinite('nullValue', nullValue)
  let p = 1
  let low = -Infinity
  let high = Infinity
  return looks.map((look, i) => {
    checkLook(i, look)
    const logLambda = logMixtureLikelihoodRatio(look, options.tau2, nullValue)
    p = Math.min(p, Math.min(1, Math.exp(-logLambda)))
    const half = confidenceSequenceHalfWidth(look.variance, options.tau2, alpha)
    low = Math.max(low, look.estimate - half)
    high = Math.min(high, look.estimate + half)
    return { logLikelihoodRatio: logLambda, pValue: p, ci: [low, high] as const, significant: p < alpha }
  })
}
