import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { h } from 'preact'
import { importCatalogCsv } from '../../flows/import-catalog-csv.ts'
import { AppError } from '../../kernel/errors.ts'
import { exportCatalogCsvChunks } from '../../modules/catalog/index.ts'
import { CsvImportPage } from '../../web/admin/csv-import-page.tsx'
import { readUpload } from '../plugins/multipart.ts'
import { clearPageCaches } from '../pages/page-cache.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, formBody, sendAdmin } from './admin-kit.ts'
import { str } from './catalog-forms.ts'

// A checked file waits in <dataDir>/csv-imports/<random token>.csv for KEEP_MS, so "Importer"
// applies exactly the file that was checked without a second upload. The token is the only name:
// nothing the browser sent reaches the file system.
const KEEP_MS = 30 * 60 * 1000
const TOKEN = /^[0-9a-f]{32}$/

/** The last segment of the browser's file name, for the report and the audit only. */
const safeOriginalName = (name: string): string | null => name.split(/[\\/]/).pop()?.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 120) || null

/** Catalogue CSV: streamed export, dry run with the report by line, then apply of the checked file. */
export function registerCatalogCsvRoutes(app: App, deps: RouteDeps): void {
  const dir = path.join(deps.config.dataDir, 'csv-imports')
  const fileOf = (token: string) => path.join(dir, `${token}.csv`)
  const forgetOld = async () => {
    const names = await fs.readdir(dir).catch(() => [] as string[])
    const now = Date.now()
    await Promise.all(names.map(async (n) => {
      const stat = await fs.stat(path.join(dir, n)).catch(() => null)
      if (stat && now - stat.mtimeMs > KEEP_MS) await fs.rm(path.join(dir, n), { force: true })
    }))
  }

  app.get('/admin/catalogue/csv', { config: { permission: 'catalog.import' }, schema: { hide: true } }, async (req, reply) =>
    sendAdmin(reply, h(CsvImportPage, { view: adminView(req, reply, deps) })),
  )

  app.get('/admin/catalogue/csv/export', { config: { permission: 'catalog.import' }, schema: { hide: true } }, async (req, reply) => {
    const day = req.ctx.now.toISOString().slice(0, 10)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="lakou-catalogue-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(exportCatalogCsvChunks(req.ctx)))
  })

  app.post('/admin/catalogue/csv/verifier', { config: { permission: 'catalog.import', upload: true }, schema: { hide: true } }, async (req, reply) => {
    const view = adminView(req, reply, deps)
    let upload
    try {
      upload = await readUpload(req)
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err
      return sendAdmin(reply, h(CsvImportPage, { view, error: err.message }), err.status)
    }
    const report = await importCatalogCsv(req.ctx, { file: upload.bytes, apply: false, source: safeOriginalName(upload.filename) ?? undefined })
    let token: string | null = null
    if (report.ok) {
      await fs.mkdir(dir, { recursive: true })
      await forgetOld()
      token = randomBytes(16).toString('hex')
      await fs.writeFile(fileOf(token), upload.bytes)
    }
    return sendAdmin(reply, h(CsvImportPage, { view, report, token, fileName: safeOriginalName(upload.filename) }), report.ok ? 200 : 422)
  })

  app.post('/admin/catalogue/csv/importer', { config: { permission: 'catalog.import' }, schema: { hide: true } }, async (req, reply) => {
    const view = adminView(req, reply, deps)
    const token = str(formBody(req), 'token')
    const file = TOKEN.test(token) ? await fs.readFile(fileOf(token)).catch(() => null) : null
    if (!file) return sendAdmin(reply, h(CsvImportPage, { view, error: 'Ce fichier vérifié n’est plus disponible (30 minutes au plus) : envoyez-le à nouveau pour le vérifier.' }), 400)
    const report = await importCatalogCsv(req.ctx, { file, apply: true, source: `import ${token.slice(0, 8)}` })
    if (report.applied) {
      await fs.rm(fileOf(token), { force: true })
      clearPageCaches()
    }
    // the catalogue may have changed since the check: then the errors are shown and nothing was written
    return sendAdmin(reply, h(CsvImportPage, { view, report, token: report.applied ? null : token }), report.applied ? 200 : 422)
  })
}
