import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export type ExperimentKind = 'experiment' | 'flag'
export type Surface = 'product_layout' | 'product_text' | 'free_shipping_banner' | 'search_ranking' | 'flag'
export type Metric = 'conversion' | 'revenue_per_visitor' | 'add_to_cart'
export type ExperimentStatus = 'draft' | 'running' | 'stopped'
export type VisitorTarget = 'all' | 'new' | 'returning'
export type Targeting = { markets: string[]; devices: string[]; visitor: VisitorTarget }
export type VariantConfig = Record<string, string | number | boolean>

export type ExperimentsTable = {
  id: string
  key: string
  name: string
  hypothesis: Generated<string>
  kind: ExperimentKind
  surface: Surface
  targeting: Json<Targeting>
  primary_metric: Metric | null
  guardrail_metrics: Generated<string[]>
  baseline_rate: number | null
  mde: number | null
  alpha: Generated<number>
  power: Generated<number>
  min_sample_per_variant: number | null
  status: Generated<ExperimentStatus>
  started_at: Timestamp | null
  stopped_at: Timestamp | null
  owner_staff_id: string | null
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export type ExperimentVariantsTable = {
  experiment_id: string
  key: string
  name: string
  position: number
  /** percent, numeric(5,2) (parsed as a number) */
  weight: number
  config: Json<VariantConfig>
}

export type ExperimentDecisionsTable = {
  id: string
  experiment_id: string
  decision: 'ship' | 'kill' | 'iterate'
  hypothesis: string
  learning: string
  decided_by: string | null
  decided_at: Timestamp
}

export type ExperimentVisitorsTable = {
  experiment_id: string
  visitor_id: string
  variant_key: string
  first_exposed_at: Timestamp
  converted: boolean
  orders: number
  add_to_carts: number
  revenue_cents: number
  pre_revenue_cents: number
}

export type ExperimentTables = {
  experiments: ExperimentsTable
  experiment_variants: ExperimentVariantsTable
  experiment_decisions: ExperimentDecisionsTable
  experiment_visitors: ExperimentVisitorsTable
}

export const experimentsDb = (db: Db) => db.withTables<ExperimentTables>()
