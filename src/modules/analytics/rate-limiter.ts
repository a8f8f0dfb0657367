/**
 * Events per key (visitor, else pseudonymous address key) per minute, in this process's memory:
 * a fixed one-minute window, enough to stop a script flooding the collector. Keys are forgotten
 * once their window ends (swept when the map grows).
 */
export type RateLimiter = { take: (key: string, n: number, nowMs?: number) => boolean }

export function createRateLimiter(perMinute = 120, maxKeys = 100_000): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>()
  return {
    take: (key, n, nowMs = Date.now()) => {
      let w = windows.get(key)
      if (!w || nowMs - w.start >= 60_000) {
        if (windows.size >= maxKeys) for (const [k, v] of windows) if (nowMs - v.start >= 60_000) windows.delete(k)
        if (windows.size >= maxKeys) windows.clear()
        w = { start: nowMs, used: 0 }
        windows.set(key, w)
      }
      if (w.used + n > perMinute) return false
      w.used += n
      return true
    },
  }
}
