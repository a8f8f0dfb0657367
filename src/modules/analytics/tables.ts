/** A row of `events` as the collector writes it (migration 0020). */
export type EventRow = {
  occurred_at: Date
  received_at: Date
  type: EventType
  visitor_id: string
  session_id: string
  consent: boolean
  device: string
  market: string
  locale: string
  path: string | null
  page_type: string | null
  from_page_type: string | null
  referrer_host: string | null
  utm_source: string | null
  utm_medium: string | null
  utm_campaign: string | null
  utm_content: string | null
  utm_term: string | null
  channel: string
  product_id: string | null
  query: string | null
  result_count: number | null
  order_id: string | null
  value_cents: number | null
  step: string | null
  metric: string | null
  metric_value: number | null
  experiment_key: string | null
  variant_key: string | null
}

export const EVENT_TYPES = ['page_view', 'product_view', 'search', 'add_to_cart', 'checkout_step', 'order', 'web_vital', 'experiment_exposure'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** Columns the collector writes (id and inserted_at come from their defaults). */
export const EVENT_COLUMNS: readonly (keyof EventRow)[] = [
  'occurred_at', 'received_at', 'type', 'visitor_id', 'session_id', 'consent', 'device', 'market', 'locale', 'path',
  'page_type', 'from_page_type', 'referrer_host', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term',
  'channel', 'product_id', 'query', 'result_count', 'order_id', 'value_cents', 'step', 'metric', 'metric_value',
  'experiment_key', 'variant_key',
]
