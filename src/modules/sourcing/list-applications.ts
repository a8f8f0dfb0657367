import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import type { ProducerStatus } from '../producers/tables.ts'
import { PIPELINE_STATUSES } from './pipeline.ts'

export const ListApplicationsInput = z.object({
  status: z.enum(PIPELINE_STATUSES as [ProducerStatus, ...ProducerStatus[]]).optional().catch(undefined),
  q: z.string().trim().max(120).optional().catch(undefined),
  sort: z.enum(['date', 'score', 'name']).catch('date').default('date'),
  dir: z.enum(['asc', 'desc']).catch('desc').default('desc'),
})
/** As the query string gives it: unknown values fall back to no filter, date, desc. */
export type ListApplicationsInput = { status?: string | undefined; q?: string | undefined; sort?: string | undefined; dir?: string | undefined }

export type PipelineRow = { id: string; code: string; tradeName: string; status: ProducerStatus; commune: string | null; submittedAt: Date; score: number | null; scored: number; files: number }
export type PipelineList = { counts: Record<ProducerStatus, number>; rows: PipelineRow[]; limit: number }

const LIMIT = 500

/** The pipeline: counts per status and the producers (not the operator), filtered by status and name, sorted by date, score or name. */
export async function listApplications(ctx: Ctx, raw: ListApplicationsInput): Promise<PipelineList> {
  const input = ListApplicationsInput.parse(raw)
  const like = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  const order = { date: sql`submitted_at`, score: sql`score`, name: sql`lower(trade_name)` }[input.sort]
  const dir = input.dir === 'asc' ? sql`asc nulls first` : sql`desc nulls last`
  const rows = await sql<{ id: string; code: string; trade_name: string; status: ProducerStatus; commune: string | null; submitted_at: Date; score: string | null; scored: string; files: string }>`
    with w as (select coalesce(sum(weight), 0) as total from scoring_criteria where active)
    select p.id, p.code, p.trade_name, p.status, p.commune, coalesce(a.submitted_at, p.created_at) as submitted_at,
           (select round(sum(c.weight * s.score::numeric / c.max_score) * 100 / nullif((select total from w), 0), 1)
              from producer_scores s join scoring_criteria c on c.code = s.criterion_code and c.active where s.producer_id = p.id) as score,
           (select count(*) from producer_scores s join scoring_criteria c on c.code = s.criterion_code and c.active where s.producer_id = p.id) as scored,
           (select count(*) from producer_files f where f.producer_id = p.id) as files
      from producers p left join producer_applications a on a.producer_id = p.id
     where p.kind = 'producer'
       ${input.status ? sql`and p.status = ${input.status}` : sql``}
       ${like ? sql`and (p.trade_name ilike ${like} or p.code ilike ${like} or a.contact_name ilike ${like})` : sql``}
     order by ${order} ${dir}, p.id
     limit ${LIMIT}`.execute(ctx.db)
  const countRows = await sql<{ status: ProducerStatus; n: string }>`select status, count(*) as n from producers where kind = 'producer' group by status`.execute(ctx.db)
  const counts = Object.fromEntries(PIPELINE_STATUSES.map((s) => [s, 0])) as Record<ProducerStatus, number>
  for (const c of countRows.rows) counts[c.status] = Number(c.n)
  return {
    counts,
    limit: LIMIT,
    rows: rows.rows.map((r) => ({
      id: r.id, code: r.code, tradeName: r.trade_name, status: r.status, commune: r.commune, submittedAt: new Date(r.submitted_at),
      score: r.score === null ? null : Number(r.score), scored: Number(r.scored), files: Number(r.files),
    })),
  }
}
