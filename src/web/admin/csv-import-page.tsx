import type { ImportReport } from '../../modules/catalog/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { CsrfInput } from './kit.tsx'

/** Export link, the upload form (dry run first), then the report: every error by line, or what would change. */
export function CsvImportPage(p: { view: AdminView; report?: ImportReport | null; token?: string | null; error?: string | null; fileName?: string | null }) {
  const r = p.report
  return (
    <AdminLayout view={p.view} title="Import / export CSV">
      <section class="panel">
        <h2>Exporter</h2>
        <p><a href="/admin/catalogue/csv/export" download>Télécharger le catalogue (CSV, séparateur ;)</a></p>
      </section>
      <section class="panel">
        <h2>Importer</h2>
        <p>Le fichier est d’abord vérifié : rien n’est modifié tant qu’il contient une erreur.</p>
        {p.error ? <p class="error" role="alert" id="upload-error">{p.error}</p> : null}
        <form method="post" action="/admin/catalogue/csv/verifier" enctype="multipart/form-data" novalidate>
          <CsrfInput token={p.view.csrf} />
          <div class="field">
            <label for="f-file">Fichier CSV</label>
            <input id="f-file" type="file" name="file" accept=".csv,text/csv" required />
          </div>
          <button type="submit" class="primary">Vérifier</button>
        </form>
      </section>
      {r ? (
        <section class="panel" aria-labelledby="report-h" id="rapport">
          <h2 id="report-h">{r.applied ? 'Import effectué' : r.ok ? 'Vérification : aucune erreur' : `Vérification : ${r.errorCount} erreur${r.errorCount > 1 ? 's' : ''}`}</h2>
          <p>{p.fileName ? `${p.fileName} · ` : ''}{r.rows} ligne{r.rows > 1 ? 's' : ''} de données.</p>
          <dl class="facts">
            <dt>Produits créés</dt><dd>{r.summary.productsCreated}</dd>
            <dt>Produits modifiés</dt><dd>{r.summary.productsUpdated}</dd>
            <dt>Variantes créées</dt><dd>{r.summary.variantsCreated}</dd>
            <dt>Variantes modifiées</dt><dd>{r.summary.variantsUpdated}</dd>
            <dt>Lignes inchangées</dt><dd>{r.summary.unchanged}</dd>
          </dl>
          {r.errors.length ? (
            <div class="table-wrap" role="region" aria-label="Erreurs du fichier" tabIndex={0}>
              <table class="csv-errors">
                <thead><tr><th scope="col" class="num">Ligne</th><th scope="col">Colonne</th><th scope="col">Erreur</th></tr></thead>
                <tbody>
                  {r.errors.map((e) => <tr><td class="num">{e.line}</td><td>{e.column ?? '—'}</td><td>{e.message}</td></tr>)}
                </tbody>
              </table>
            </div>
          ) : null}
          {r.errorCount > r.errors.length ? <p>… et {r.errorCount - r.errors.length} autres erreurs.</p> : null}
          {r.ok && !r.applied && p.token ? (
            <form method="post" action="/admin/catalogue/csv/importer" data-confirm="Appliquer ces changements au catalogue ?">
              <CsrfInput token={p.view.csrf} />
              <input type="hidden" name="token" value={p.token} />
              <button type="submit" class="primary">Importer</button>
            </form>
          ) : !r.applied ? <p><button type="button" disabled>Importer</button> Corrigez le fichier puis vérifiez-le à nouveau.</p> : null}
        </section>
      ) : null}
    </AdminLayout>
  )
}
