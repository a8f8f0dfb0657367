import { sql } from 'kysely'
import type { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { DocumentFilters, documentRow, documentSource, guardFinance, parseOrThrow, type DocumentRow, type RowSql } from './list-documents.ts'

export type DocumentExportRow = DocumentRow & {
  /** VAT per rate as printed on the document (credit notes: negative), from its snapshot */
  vatByRate: { rateBp: number; net: number; vat: number }[]
}

export type DocumentExportFilters = z.input<typeof DocumentFilters>

/** Rows per batch: a 100,000-row export never holds more than this in memory. */
export const EXPORT_BATCH_SIZE = 1000

/**
 * The rows of a finance CSV export (number, date, order, buyer kind, net, VAT, gross, VAT per
 * rate), oldest first, in batches read with a keyset on (issued_at, id): each batch is one indexed
 * query whatever its depth, and documents issued meanwhile never shift a batch.
 * @example for await (const batch of exportDocumentRows(ctx, { kind: 'invoice', from: '2026-01-01', to: '2026-03-31' })) write(batch)
 */
export async function* exportDocumentRows(ctx: Ctx, input: DocumentExportFilters, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<DocumentExportRow[]> {
  guardFinance(ctx)
  const f = parseOrThrow(DocumentFilters, input, 'export filters')
  const s = documentSource(f)
  let after: { issuedAt: Date; id: string } | null = null
  for (;;) {
    const cursor = after ? sql`and (d.issued_at, d.id) > (${after.issuedAt}, ${after.id})` : sql``
    const r: { rows: (RowSql & { vat_by_rate: DocumentExportRow['vatByRate'] | null })[] } = await sql<RowSql & { vat_by_rate: DocumentExportRow['vatByRate'] | null }>`
      select ${s.columns}, ${s.vatByRate} as vat_by_rate from ${s.from}
       where ${s.where} ${cursor}
       order by d.issued_at, d.id limit ${batchSize}`.execute(ctx.db)
    if (!r.rows.length) return
    yield r.rows.map((row) => ({ ...documentRow(f.kind, row), vatByRate: (row.vat_by_rate ?? []).map((p) => ({ rateBp: p.rateBp, net: p.net, vat: p.vat })) }))
    const last = r.rows[r.rows.length - 1]!
    after = { issuedAt: new Date(last.issued_at), id: last.id }
    if (r.rows.length < batchSize) return
  }
}
