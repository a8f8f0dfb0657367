/**
 * Seeded random draws for simulations (A/A tests, power checks): reproducible on every run
 * (mulberry32 from kernel/random.ts). Normal draws by inverse CDF; binomial counts exactly for
 * small n, by the normal approximation (rounded, clamped) when n·p·(1−p) is large enough.
 */
import { seededRandom } from '../../../kernel/random.ts'
import { normalQuantile } from './distributions.ts'

export type Sampler = { uniform: () => number; normal: () => number; binomial: (n: number, p: number) => number }

export function seededSampler(seed: number): Sampler {
  const uniform = seededRandom(seed)
  const open = () => {
    let u = uniform()
    while (u === 0) u = uniform()
    return u
  }
  const normal = () => normalQuantile(open())
  const binomial = (n: number, p: number) => {
    if (n * p * (1 - p) < 20) {
      let k = 0
      for (let i = 0; i < n; i++) if (uniform() < p) k++
      return k
    }
    const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal())
    return Math.min(n, Math.max(0, k))
  }
  return { uniform, normal, binomial }
}
