import type { EventRow } from './tables.ts'

/**
 * A generated event stream whose KPIs are known by construction (rollup.test.ts). Each session
 * template lists its events; the totals the test expects follow from the counts of each template.
 */
export type Step = Partial<EventRow> & { type: EventRow['type'] }

let seq = 0
export function session(start: Date, base: Partial<EventRow>, steps: Step[]): EventRow[] {
  seq += 1
  const sid = base.session_id ?? `s_gen${String(seq).padStart(8, '0')}`
  return steps.map((s, i) => ({
    occurred_at: new Date(start.getTime() + i * 20_000),
    received_at: new Date(start.getTime() + i * 20_000),
    visitor_id: `d_gen${seq}`, consent: false, device: 'desktop', market: 'FR-MAINLAND', locale: 'fr',
    path: '/fr/', page_type: null, from_page_type: null, referrer_host: null,
    utm_source: null, utm_medium: null, utm_campaign: null, utm_content: null, utm_term: null,
    channel: 'direct', product_id: null, query: null, result_count: null, order_id: null, value_cents: null, step: null,
    metric: null, metric_value: null, experiment_key: null, variant_key: null,
    ...base,
    session_id: sid,
    ...s,
  }))
}

export const pv = (page_type: string, path = `/fr/${page_type}`, extra: Partial<EventRow> = {}): Step => ({ type: 'page_view', page_type, path, ...extra })
export const prodView = (from: string | null): Step => ({ type: 'product_view', product_id: 'ACS-RHB50-100', from_page_type: from, page_type: 'product' })
export const search = (n: number): Step => ({ type: 'search', query: 'rhum', result_count: n, page_type: 'search' })
export const addToCart: Step = { type: 'add_to_cart', product_id: 'ACS-RHB50-100' }
export const step = (s: 'cart' | 'address' | 'shipping' | 'payment'): Step => ({ type: 'checkout_step', step: s })
export const order = (id: string, cents: number): Step => ({ type: 'order', order_id: id, value_cents: cents, page_type: 'confirmation' })
export const vital = (metric: 'LCP' | 'INP' | 'CLS', value: number): Step => ({ type: 'web_vital', metric, metric_value: value })
