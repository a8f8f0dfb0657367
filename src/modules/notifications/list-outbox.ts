import { sql, type SelectQueryBuilder } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { notificationsDb, type EmailStatus, type NotificationTables } from './tables.ts'

export type OutboxEmail = {
  id: string
  to: string
  locale: 'fr' | 'en'
  template: string
  status: EmailStatus
  attempts: number
  lastError: string | null
  subject: string | null
  text: string | null
  html: string | null
  createdAt: Date
  processedAt: Date | null
}

/** A list row: the e-mail without its bodies (getOutboxEmail reads them). */
export type OutboxEmailSummary = Omit<OutboxEmail, 'text' | 'html'>

type OutboxFilters = { status?: EmailStatus | undefined; to?: string | undefined; template?: string | undefined; q?: string | undefined }

const guard = (ctx: Ctx) => {
  if (ctx.actor.kind !== 'system' && ctx.actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'The outbox is for staff only.')
}

type OutboxQuery<O> = SelectQueryBuilder<NotificationTables, 'email_outbox', O>

function filtered<O>(q: OutboxQuery<O>, f: OutboxFilters): OutboxQuery<O> {
  if (f.status) q = q.where('status', '=', f.status)
  if (f.to) q = q.where((eb) => eb(eb.fn('lower', ['to_address']), '=', f.to!.trim().toLowerCase()))
  if (f.template) q = q.where('template', '=', f.template)
  if (f.q?.trim()) {
    // recipient or subject contains the text, case ignored (trigram index email_outbox_text_idx)
    const pattern = `%${f.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where(sql<boolean>`lower(to_address || ' ' || coalesce(subject, '')) like ${pattern}`)
  }
  return q
}

/**
 * The outbox, newest first (the back office's view of e-mails kept without SMTP, sent or failed).
 * Staff and system only: e-mails carry reset links and order details.
 */
export async function listOutbox(ctx: Ctx, input: OutboxFilters & { limit?: number; offset?: number } = {}): Promise<OutboxEmail[]> {
  guard(ctx)
  const rows = await filtered(notificationsDb(ctx.db).selectFrom('email_outbox').selectAll(), input)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(Math.min(input.limit ?? 50, 500)).offset(Math.max(0, input.offset ?? 0)).execute()
  return rows.map((r) => ({ ...summary(r), text: r.text_body, html: r.html_body }))
}

const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** The outbox page's query (form fields or query string). */
export const OutboxListInput = z.strictObject({
  status: z.preprocess(blankIsAbsent, z.enum(['QUEUED', 'SENT', 'KEPT', 'FAILED']).optional()),
  template: z.preprocess(blankIsAbsent, z.string().trim().max(64).regex(/^[a-z0-9_.-]+$/, 'not a template name').optional()),
  /** part of the recipient's address or of the subject */
  q: z.preprocess(blankIsAbsent, z.string().trim().max(120).regex(/^[^\p{Cc}]*$/u, 'control characters').optional()),
  page: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100).default(50)),
})
export type OutboxListInput = z.input<typeof OutboxListInput>

/** Counting stops here; past it the page shows "10,000+". */
export const OUTBOX_COUNT_CAP = 10_000

/** A page of the outbox with its total (exact up to OUTBOX_COUNT_CAP). */
export async function listOutboxPage(ctx: Ctx, input: OutboxListInput): Promise<{ rows: OutboxEmailSummary[]; total: number; totalCapped: boolean; page: number; pageSize: number }> {
  guard(ctx)
  const parsed = OutboxListInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `outbox query invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  const f = parsed.data
  const db = notificationsDb(ctx.db)
  const columns = ['id', 'to_address', 'locale', 'template', 'status', 'attempts', 'last_error', 'subject', 'created_at', 'processed_at'] as const
  const [rows, count] = await Promise.all([
    filtered(db.selectFrom('email_outbox').select(columns), f).orderBy('created_at', 'desc').orderBy('id', 'desc')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    db.selectFrom((eb) => filtered(eb.selectFrom('email_outbox').select('id'), f).limit(OUTBOX_COUNT_CAP + 1).as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ])
  const n = Number(count?.n ?? 0)
  return { rows: rows.map(summary), total: Math.min(n, OUTBOX_COUNT_CAP), totalCapped: n > OUTBOX_COUNT_CAP, page: f.page, pageSize: f.pageSize }
}

/** One e-mail with its bodies as rendered (thrown NOT_FOUND when unknown). */
export async function getOutboxEmail(ctx: Ctx, id: string): Promise<OutboxEmail> {
  guard(ctx)
  const r = await notificationsDb(ctx.db).selectFrom('email_outbox').selectAll().where('id', '=', String(id).slice(0, 64)).executeTakeFirst()
  if (!r) throw notFound('e-mail')
  return { ...summary(r), text: r.text_body, html: r.html_body }
}

type SummaryColumns = {
  id: string; to_address: string; locale: 'fr' | 'en'; template: string; status: EmailStatus; attempts: number; last_error: string | null
  subject: string | null; created_at: Date; processed_at: Date | null
}

function summary(r: SummaryColumns): OutboxEmailSummary {
  return {
    id: r.id, to: r.to_address, locale: r.locale, template: r.template, status: r.status, attempts: r.attempts, lastError: r.last_error,
    subject: r.subject, createdAt: r.created_at, processedAt: r.processed_at,
  }
}
