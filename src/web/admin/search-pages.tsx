import { AdminLayout, type AdminView, mayUse } from './layout.tsx'
import { CsrfInput, dateTime, ErrorSummary, type FormErrors, SelectField, TextField } from './kit.tsx'

export type PreviewItem = { id: string; name: string; handle: string; mark: string | null }
export type Preview = { query: string; locale: string; market: string; withRules: PreviewItem[] | { redirect: string }; withoutRules: PreviewItem[]; total: number }
export type RuleRow = { id: string; action: string; scope: string; locale: string | null; product: string | null; position: number | null; redirectPath: string | null; createdAt: Date }
export type SynonymRow = { id: string; locale: string; terms: string[]; oneWay: boolean }
export type ZeroRow = { normalized: string; locale: string; count: number; lastAskedAt: Date; example: string }

const ACTION_LABELS: Record<string, string> = { PIN: 'Épingler', BOOST: 'Remonter', BURY: 'Enfoncer', REDIRECT: 'Rediriger' }

function ResultList({ items, caption }: { items: PreviewItem[] | { redirect: string }; caption: string }) {
  return (
    <section>
      <h3>{caption}</h3>
      {'redirect' in items ? (
        <p>
          Redirection vers <code>{items.redirect}</code>
        </p>
      ) : items.length ? (
        <ol class="preview">
          {items.map((i) => (
            <li>
              {i.name} <small>({i.handle})</small> {i.mark ? <span class="badge">{i.mark}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>Aucun résultat.</p>
      )}
    </section>
  )
}

/**
 * Search merchandising on one screen: preview a query as shoppers see it next to the result
 * without rules, the rules and synonyms (add, remove), and the queries that found nothing.
 */
export function SearchAdminPage(p: {
  view: AdminView
  preview: Preview | null
  previewError?: string | null
  rules: RuleRow[]
  synonyms: SynonymRow[]
  zero: ZeroRow[]
  categories: { value: string; label: string }[]
  ruleErrors?: FormErrors
  ruleValues?: Record<string, string>
  synonymErrors?: FormErrors
  synonymValues?: Record<string, string>
  flash?: string | null
}) {
  const edit = mayUse(p.view, 'merchandising.edit')
  const rv = p.ruleValues ?? {}
  const sv = p.synonymValues ?? {}
  return (
    <AdminLayout view={p.view} title="Recherche et merchandising" flash={p.flash}>
      <section class="panel" aria-labelledby="apercu">
        <h2 id="apercu">Aperçu d’une recherche</h2>
        <form method="get" action="/admin/recherche" class="filters" role="search">
          <TextField name="q" label="Requête" type="search" value={p.preview?.query ?? ''} error={p.previewError ?? undefined} maxLength={200} />
          <SelectField name="langue" label="Langue" value={p.preview?.locale ?? 'fr'} options={[{ value: 'fr', label: 'Français' }, { value: 'en', label: 'Anglais' }]} />
          <SelectField name="marche" label="Marché" value={p.preview?.market ?? 'FR-MAINLAND'} options={[{ value: 'FR-MAINLAND', label: 'France métropolitaine' }, { value: 'GP', label: 'Guadeloupe' }]} />
          <button type="submit">Voir</button>
        </form>
        {p.preview ? (
          <>
            <p>{p.preview.total} produit(s) trouvés. Les 12 premiers :</p>
            <div class="two-langs">
              <ResultList caption="Ce que voient les clients (avec les règles)" items={p.preview.withRules} />
              <ResultList caption="Sans les règles" items={p.preview.withoutRules} />
            </div>
          </>
        ) : null}
      </section>

      <section class="panel" aria-labelledby="regles">
        <h2 id="regles">Règles</h2>
        <div class="table-wrap" role="region" aria-label="Règles de recherche" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">S’applique à</th>
                <th scope="col">Langue</th>
                <th scope="col">Produit / cible</th>
                <th scope="col">Créée</th>
                {edit ? <th scope="col"><span class="visually-hidden">Supprimer</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {p.rules.length === 0 ? (
                <tr>
                  <td colSpan={edit ? 6 : 5} class="empty">Aucune règle.</td>
                </tr>
              ) : (
                p.rules.map((r) => (
                  <tr>
                    <td>
                      {ACTION_LABELS[r.action] ?? r.action}
                      {r.position ? ` (position ${r.position})` : ''}
                    </td>
                    <td>{r.scope}</td>
                    <td>{r.locale ?? 'toutes'}</td>
                    <td>{r.redirectPath ? <code>{r.redirectPath}</code> : r.product}</td>
                    <td>{dateTime(r.createdAt)}</td>
                    {edit ? (
                      <td>
                        <form method="post" action={`/admin/recherche/regles/${r.id}/supprimer`} data-confirm="Supprimer cette règle ?">
                          <CsrfInput token={p.view.csrf} />
                          <button type="submit">Supprimer</button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {edit ? (
          <>
            <h3 id="nouvelle-regle">Nouvelle règle</h3>
            <ErrorSummary errors={p.ruleErrors ?? {}} />
            <form method="post" action="/admin/recherche/regles" novalidate>
              <CsrfInput token={p.view.csrf} />
              <SelectField name="action" label="Action" value={rv.action} required options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))} error={p.ruleErrors?.action} />
              <TextField name="query" label="Requête" value={rv.query} hint="La règle s’applique à cette recherche (ou choisissez une catégorie)." error={p.ruleErrors?.query} maxLength={200} />
              <SelectField name="categoryId" label="Ou page de catégorie" value={rv.categoryId} blank="—" options={p.categories} error={p.ruleErrors?.categoryId} />
              <SelectField name="locale" label="Langue" value={rv.locale} blank="Toutes" options={[{ value: 'fr', label: 'Français' }, { value: 'en', label: 'Anglais' }]} />
              <TextField name="product" label="Produit (handle, SKU ou identifiant)" value={rv.product} error={p.ruleErrors?.product} maxLength={200} />
              <TextField name="position" label="Position (épingler)" type="number" value={rv.position} error={p.ruleErrors?.position} />
              <TextField name="path" label="Chemin de redirection" value={rv.path} hint="Une page du site, par exemple /fr/c/rhums" error={p.ruleErrors?.path} maxLength={300} />
              <button type="submit" class="primary">Ajouter la règle</button>
            </form>
          </>
        ) : null}
      </section>

      <section class="panel" aria-labelledby="synonymes">
        <h2 id="synonymes">Synonymes</h2>
        <ul>
          {p.synonyms.map((s) => (
            <li>
              <span class="badge">{s.locale}</span> {s.terms.join(s.oneWay ? ' → ' : ' = ')}{' '}
              {edit ? (
                <form method="post" action={`/admin/recherche/synonymes/${s.id}/supprimer`} class="inline" data-confirm="Supprimer ce groupe ?">
                  <CsrfInput token={p.view.csrf} />
                  <button type="submit" class="link">supprimer</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {edit ? (
          <>
            <h3>Nouveau groupe</h3>
            <ErrorSummary errors={p.synonymErrors ?? {}} />
            <form method="post" action="/admin/recherche/synonymes" novalidate>
              <CsrfInput token={p.view.csrf} />
              <SelectField name="locale" label="Langue" value={sv.locale ?? 'fr'} options={[{ value: 'fr', label: 'Français' }, { value: 'en', label: 'Anglais' }]} />
              <TextField name="terms" label="Termes équivalents, séparés par des virgules" value={sv.terms} error={p.synonymErrors?.terms} maxLength={500} />
              <label class="check">
                <input type="checkbox" name="oneWay" value="on" checked={sv.oneWay === 'on'} /> Dans un seul sens (le premier terme élargit aux autres)
              </label>
              <p>
                <button type="submit" class="primary">Ajouter</button>
              </p>
            </form>
          </>
        ) : null}
      </section>

      <section class="panel" aria-labelledby="sans-resultat">
        <h2 id="sans-resultat">Recherches sans résultat (30 jours)</h2>
        <div class="table-wrap" role="region" aria-label="Recherches sans résultat" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Requête</th>
                <th scope="col">Langue</th>
                <th scope="col" class="num">Fois</th>
                <th scope="col">Dernière</th>
              </tr>
            </thead>
            <tbody>
              {p.zero.length === 0 ? (
                <tr>
                  <td colSpan={4} class="empty">Aucune.</td>
                </tr>
              ) : (
                p.zero.map((z) => (
                  <tr>
                    <td>
                      <a href={`/admin/recherche?q=${encodeURIComponent(z.example)}&langue=${z.locale}`}>{z.example}</a>
                    </td>
                    <td>{z.locale}</td>
                    <td class="num">{z.count}</td>
                    <td>{dateTime(z.lastAskedAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>
    </AdminLayout>
  )
}
