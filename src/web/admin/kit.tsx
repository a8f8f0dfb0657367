import type { ComponentChildren } from 'preact'

// Building blocks of back-office pages: server-side tables (sort, filter, paginate by links and
// GET forms, so they work without JavaScript and every state has a URL), and form fields with
// their errors announced to screen readers (GOV.UK's error summary pattern).

/** `?a=1&b=2` from the current query with some keys changed (null removes a key). */
export function withQuery(path: string, query: Record<string, string | undefined>, change: Record<string, string | number | null>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...query, ...change })) if (v !== null && v !== undefined && v !== '') params.set(k, String(v))
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

export type Column<Row> = {
  key: string
  label: string
  /** sortable columns give the `sort` value they stand for */
  sort?: string
  align?: 'end'
  cell: (row: Row) => ComponentChildren
}

export type TableState = { path: string; query: Record<string, string | undefined>; sort?: string | undefined; dir?: 'asc' | 'desc' | undefined }

/** A table whose headers sort on the server (links), with an empty state. */
export function DataTable<Row>(props: { caption: string; columns: Column<Row>[]; rows: Row[]; state: TableState; empty?: string; rowKey: (row: Row) => string }) {
  const { state } = props
  return (
    <div class="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => {
              if (!c.sort) return <th scope="col" class={c.align === 'end' ? 'num' : undefined}>{c.label}</th>
              const active = state.sort === c.sort
              const nextDir = active && state.dir === 'asc' ? 'desc' : 'asc'
              return (
                <th scope="col" class={c.align === 'end' ? 'num' : undefined} aria-sort={active ? (state.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <a href={withQuery(state.path, state.query, { sort: c.sort, dir: nextDir, page: null })}>
                    {c.label}
                    {active ? <span aria-hidden="true">{state.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
                  </a>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} class="empty">{props.empty ?? 'Aucun résultat.'}</td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr key={props.rowKey(row)}>
                {props.columns.map((c) => <td class={c.align === 'end' ? 'num' : undefined}>{c.cell(row)}</td>)}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}

/** Previous / next page links with the position; `total` may be unknown (keyset lists). */
export function Pager(props: { state: TableState; page: number; pageSize: number; shown: number; total?: number | null; hasMore?: boolean }) {
  const { page, pageSize, shown, total } = props
  const from = shown ? (page - 1) * pageSize + 1 : 0
  const to = (page - 1) * pageSize + shown
  const more = props.hasMore ?? (total != null ? to < total : shown === pageSize)
  return (
    <nav class="pager" aria-label="Pages">
      <span>{total != null ? `${from}–${to} sur ${total.toLocaleString('fr-FR')}` : `${from}–${to}`}</span>
      {page > 1 ? <a href={withQuery(props.state.path, props.state.query, { page: page - 1 })} rel="prev">← Précédente</a> : null}
      {more ? <a href={withQuery(props.state.path, props.state.query, { page: page + 1 })} rel="next">Suivante →</a> : null}
    </nav>
  )
}

/** Field name → message (French, as typed for the team). */
export type FormErrors = Partial<Record<string, string>>

/** The summary of a form's problems, each linking to its field. */
export function ErrorSummary({ errors, message }: { errors: FormErrors; message?: string | null | undefined }) {
  const entries = Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1]))
  if (!entries.length && !message) return null
  return (
    <div class="form-errors" role="alert" tabIndex={-1} id="form-errors">
      <h2>Le formulaire contient des erreurs</h2>
      {message ? <p>{message}</p> : null}
      {entries.length ? (
        <ul>
          {entries.map(([field, text]) => (
            <li><a href={`#f-${field}`}>{text}</a></li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

type FieldBase = { name: string; label: string; error?: string | undefined; hint?: string | undefined; required?: boolean }

function described(p: FieldBase) {
  const ids = [p.hint ? `f-${p.name}-hint` : '', p.error ? `f-${p.name}-error` : ''].filter(Boolean).join(' ')
  return { 'aria-describedby': ids || undefined, 'aria-invalid': p.error ? ('true' as const) : undefined }
}

function FieldFrame(p: FieldBase & { children: ComponentChildren }) {
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={`f-${p.name}`}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {p.hint ? <p class="hint" id={`f-${p.name}-hint`}>{p.hint}</p> : null}
      {p.error ? <p class="error" id={`f-${p.name}-error`}>{p.error}</p> : null}
      {p.children}
    </div>
  )
}

export function TextField(p: FieldBase & { value?: string | number | null | undefined; type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'search' | 'url'; maxLength?: number; autoComplete?: string; inputMode?: 'numeric' | 'decimal'; step?: string }) {
  return (
    <FieldFrame {...p}>
      <input id={`f-${p.name}`} name={p.name} type={p.type ?? 'text'} value={p.value == null ? '' : String(p.value)} required={p.required} maxLength={p.maxLength} autoComplete={p.autoComplete} inputMode={p.inputMode} step={p.step} {...described(p)} />
    </FieldFrame>
  )
}

export function TextArea(p: FieldBase & { value?: string | null | undefined; rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...p}>
      <textarea id={`f-${p.name}`} name={p.name} rows={p.rows ?? 5} maxLength={p.maxLength} required={p.required} {...described(p)}>
        {p.value ?? ''}
      </textarea>
    </FieldFrame>
  )
}

export function SelectField(p: FieldBase & { value?: string | null | undefined; options: { value: string; label: string }[]; blank?: string }) {
  return (
    <FieldFrame {...p}>
      <select id={`f-${p.name}`} name={p.name} required={p.required} {...described(p)}>
        {p.blank !== undefined ? <option value="">{p.blank}</option> : null}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>{o.label}</option>
        ))}
      </select>
    </FieldFrame>
  )
}

/** A group of checkboxes sharing one name (roles, labels). */
export function CheckboxGroup(p: FieldBase & { values: readonly string[]; options: { value: string; label: string }[] }) {
  return (
    <fieldset class={p.error ? 'field has-error' : 'field'} id={`f-${p.name}`} aria-describedby={p.error ? `f-${p.name}-error` : undefined}>
      <legend>{p.label}</legend>
      {p.error ? <p class="error" id={`f-${p.name}-error`}>{p.error}</p> : null}
      {p.options.map((o) => (
        <label class="check">
          <input type="checkbox" name={p.name} value={o.value} checked={p.values.includes(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  )
}

export function Checkbox(p: { name: string; label: string; checked: boolean; value?: string }) {
  return (
    <label class="check" for={`f-${p.name}`}>
      <input type="checkbox" id={`f-${p.name}`} name={p.name} value={p.value ?? 'on'} checked={p.checked} /> {p.label}
    </label>
  )
}

export function CsrfInput({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />
}

const EURO = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
/** Cents → "12,50 €" (display only; amounts are computed in cents elsewhere). */
export const euros = (cents: number | bigint | string | null | undefined, currency = 'EUR'): string =>
  cents == null ? '—' : currency === 'EUR' ? EURO.format(Number(cents) / 100) : new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).format(Number(cents) / 100)

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' })
export const dateTime = (d: Date | string | null | undefined): string => (d ? DATE_TIME.format(new Date(d)) : '—')

/** A labelled count for a role's home page. */
export function Kpi(p: { label: string; value: string | number; href?: string | undefined }) {
  const value = typeof p.value === 'number' ? p.value.toLocaleString('fr-FR') : p.value
  return (
    <div class="kpi">
      <span class="kpi-value">{p.href ? <a href={p.href}>{value}</a> : value}</span>
      <span class="kpi-label">{p.label}</span>
    </div>
  )
}
