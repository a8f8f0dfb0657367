/**
 * P(p_B > p_A) for independent Beta posteriors, exactly, by Evan Miller's closed form
 * ("Formulas for Bayesian A/B Testing", 2015):
 *   P = Σ_{i=0}^{α_B−1} exp( lnB(α_A+i, β_A+β_B) − ln(β_B+i) − lnB(1+i, β_B) − lnB(α_A, β_A) )
 * The sum has α_B terms; by the symmetries P(B>A) = 1 − P(A>B) and p ↦ 1 − p (Beta(α,β) ↦
 * Beta(β,α)) it runs over the smallest of the four parameters, so big experiments stay fast.
 * The formula needs an integer α_B: prior parameters must be integers (Beta(1,1) by default).
 */
import { betaln } from './distributions.ts'

export type BetaPosterior = { alpha: number; beta: number }

/** Evan Miller's sum: P(X_B > X_A), X ~ Beta, with integer b.alpha. */
function sumOverAlphaB(a: BetaPosterior, b: BetaPosterior): number {
  const base = betaln(a.alpha, a.beta)
  let total = 0
  for (let i = 0; i < b.alpha; i++) {
    total += Math.exp(betaln(a.alpha + i, a.beta + b.beta) - Math.log(b.beta + i) - betaln(1 + i, b.beta) - base)
  }
  return total
}

function checkPosterior(label: string, p: BetaPosterior): void {
  for (const k of ['alpha', 'beta'] as const) {
    if (!Number.isSafeInteger(p[k]) || p[k] < 1) throw new RangeError(`${label}.${k} must be an integer ≥ 1 (integer priors only), got ${p[k]}`)
  }
}

/** P(p_B > p_A) where p_A ~ Beta(a.alpha, a.beta) and p_B ~ Beta(b.alpha, b.beta), independent. */
export function probabilityBBeatsA(a: BetaPosterior, b: BetaPosterior): number {
  checkPosterior('control posterior', a)
  checkPosterior('treatment posterior', b)
  const flip = (p: BetaPosterior): BetaPosterior => ({ alpha: p.beta, beta: p.alpha })
  const smallest = Math.min(a.alpha, a.beta, b.alpha, b.beta)
  let p: number
  if (smallest === b.alpha) p = sumOverAlphaB(a, b)
  else if (smallest === a.alpha) p = 1 - sumOverAlphaB(b, a)
  // p_B > p_A ⇔ 1 − p_A > 1 − p_B
  else if (smallest === a.beta) p = sumOverAlphaB(flip(b), flip(a))
  else p = 1 - sumOverAlphaB(flip(a), flip(b))
  return Math.min(1, Math.max(0, p))
}
