import { sql } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import type { EventRow } from '../analytics/index.ts'
import { runningExperiments, type RunningExperiment } from './running.ts'
import { assignVariant } from './stats/index.ts'
import type { VariantConfig } from './tables.ts'
import type { ExperimentVisit } from './visit.ts'

/** What a page shows for an experiment: the variant, its config, and whether this is a measured exposure. */
export type Assignment = { experimentKey: string; variantKey: string; config: VariantConfig; inExperiment: boolean }

const CONTROL = (key: string): Assignment => ({ experimentKey: key, variantKey: 'control', config: {}, inExperiment: false })

/** A consented visitor seen before the current half hour. */
async function isReturning(db: Db, visit: ExperimentVisit, now: Date): Promise<boolean> {
  const r = await sql<{ x: number }>`SELECT 1 AS x FROM analytics_visitors WHERE visitor_id = ${visit.visitorId} AND first_seen_at < ${new Date(now.getTime() - 30 * 60_000).toISOString()}::timestamptz`.execute(db)
  return r.rows.length > 0
}

async function targets(db: Db, e: RunningExperiment, visit: ExperimentVisit, now: Date): Promise<boolean> {
  const t = e.targeting
  if (t.markets.length && !t.markets.includes(visit.market)) return false
  if (t.devices.length && !t.devices.includes(visit.device)) return false
  // Without consent the id is a pseudonym of the day (CNIL): nobody is known as new or returning,
  // so a test targeting either status takes consented visitors only (the others see the control, unmeasured).
  if (t.visitor !== 'all') return visit.consent && (await isReturning(db, visit, now)) === (t.visitor === 'returning')
  return true
}

/**
 * The visitor's variant of a running experiment: deterministic (SHA-256 of key:visitor, the same in
 * every process), only when the experiment runs and its targeting matches, else the control (the
 * first variant) outside the measurement. Bots always see the control and are never measured.
 */
export async function experimentFor(db: Db, visit: ExperimentVisit, key: string, now = new Date()): Promise<Assignment> {
  const e = (await runningExperiments(db)).get(key)
  if (!e) return CONTROL(key)
  const control = e.variants[0]!
  const outside = { experimentKey: key, variantKey: control.key, config: control.config, inExperiment: false }
  if (visit.bot || !(await targets(db, e, visit, now))) return outside
  const variantKey = assignVariant(e.key, visit.visitorId, e.variants)
  const variant = e.variants.find((v) => v.key === variantKey)!
  return { experimentKey: key, variantKey, config: variant.config, inExperiment: true }
}

/** A feature flag: on for the visitors its 'on' share covers (same assignment as experiments). */
export async function isEnabled(db: Db, visit: ExperimentVisit, key: string, now = new Date()): Promise<boolean> {
  const a = await experimentFor(db, visit, key, now)
  return a.variantKey === 'on' || a.config.enabled === true
}

// One exposure per visitor, experiment and session is enough (the roll-up keeps the first anyway).
const seen = new WeakMap<object, Map<string, number>>()
const MAX_SEEN = 100_000

/** The exposure event of assignments actually shown, once per session (per database: tests run several). */
export function exposureRows(db: Db, visit: ExperimentVisit, shown: readonly Assignment[], page: { path: string; pageType: string }, now = new Date()): EventRow[] {
  let map = seen.get(db)
  if (!map) seen.set(db, (map = new Map()))
  const rows: EventRow[] = []
  for (const a of shown) {
    if (!a.inExperiment) continue
    const k = `${a.experimentKey}|${visit.visitorId}|${visit.sessionId}`
    if (map.has(k)) continue
    if (map.size >= MAX_SEEN) map.clear()
    map.set(k, now.getTime())
    rows.push({
      occurred_at: now, received_at: now, type: 'experiment_exposure', visitor_id: visit.visitorId, session_id: visit.sessionId, consent: visit.consent,
      device: visit.device, market: visit.market, locale: visit.locale, path: page.path.slice(0, 300), page_type: page.pageType, from_page_type: null,
      referrer_host: null, utm_source: null, utm_medium: null, utm_campaign: null, utm_content: null, utm_term: null, channel: 'internal',
      product_id: null, query: null, result_count: null, order_id: null, value_cents: null, step: null, metric: null, metric_value: null,
      experiment_key: a.experimentKey, variant_key: a.variantKey,
    })
  }
  return rows
}
