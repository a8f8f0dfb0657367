/**
 * The sign-in throttle rule (pure): at most 5 password checks per e-mail and 20 per IP address
 * in any 15 minutes. Counts include the attempt being decided; attempts of a successful sign-in
 * are forgotten, so the limits count failures. The numbers follow OWASP's authentication
 * guidance: slow guessing down without letting a stranger lock an account for long.
 */
export const THROTTLE = { windowMinutes: 15, maxPerEmail: 5, maxPerIp: 20 } as const

export type AttemptWindow = { count: number; oldest: Date | null }

export type ThrottleVerdict = { allowed: true } | { allowed: false; scope: 'email' | 'ip'; retryAfterSeconds: number }

export function throttleVerdict(input: { email: AttemptWindow; ip: AttemptWindow; now: Date }, limits: typeof THROTTLE = THROTTLE): ThrottleVerdict {
  const retryAfter = (oldest: Date | null) => {
    const freeAt = (oldest?.getTime() ?? input.now.getTime()) + limits.windowMinutes * 60_000
    return Math.max(1, Math.ceil((freeAt - input.now.getTime()) / 1000))
  }
  if (input.email.count > limits.maxPerEmail) return { allowed: false, scope: 'email', retryAfterSeconds: retryAfter(input.email.oldest) }
  if (input.ip.count > limits.maxPerIp) return { allowed: false, scope: 'ip', retryAfterSeconds: retryAfter(input.ip.oldest) }
  return { allowed: true }
}
