import type { MessageKey } from '../../i18n/index.ts'
import type { PageContext } from '../page-context.ts'

/** Name of the hidden CSRF field every state-changing form carries. */
export const CSRF_FIELD = '_csrf'
/**
 * Stands for the CSRF token in pages that may be cached and served to everyone (the layout's
 * market form): the CSRF plugin replaces it in each response with the visitor's own token.
 */
export const CSRF_PLACEHOLDER = '__lakou_csrf_token__'

/** The hidden CSRF field: the given token, or the placeholder filled in per response. */
export function CsrfField({ token }: { token?: string | undefined }) {
  return <input type="hidden" name={CSRF_FIELD} value={token ?? CSRF_PLACEHOLDER} />
}

/** Field name → message key of what is wrong with it. */
export type FieldErrors = Partial<Record<string, MessageKey>>

/**
 * The list of problems at the top of a form (focusable, announced as an alert), each linking to
 * its field: the pattern of the GOV.UK design system, which screen-reader users find reliable.
 */
export function ErrorSummary({ ctx, errors, labels, formError, formErrorValues }: { ctx: PageContext; errors: FieldErrors; labels: Partial<Record<string, MessageKey>>; formError?: MessageKey | undefined; formErrorValues?: Record<string, string | number> }) {
  const entries = Object.entries(errors).filter((e): e is [string, MessageKey] => Boolean(e[1]))
  if (!entries.length && !formError) return null
  const { t } = ctx
  return (
    <div class="form-errors empty" role="alert" tabIndex={-1} id="form-errors">
      <h2>{t('account.form.problem')}</h2>
      {formError ? <p>{t(formError, formErrorValues)}</p> : null}
      {entries.length ? (
        <ul>
          {entries.map(([field, key]) => (
            <li><a href={`#${field}`}>{labels[field] ? t('account.form.fieldError', { label: t(labels[field]!), message: t(key) }) : t(key)}</a></li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

export type FieldProps = {
  ctx: PageContext
  name: string
  label: MessageKey
  value?: string | null | undefined
  error?: MessageKey | undefined
  hint?: string | undefined
  type?: 'text' | 'email' | 'password' | 'tel' | 'date'
  autoComplete?: string
  required?: boolean
  maxLength?: number
}

/** A labelled input with its hint and its error next to it (aria-describedby, aria-invalid). */
export function Field(p: FieldProps) {
  const { t } = p.ctx
  const describedBy = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ')
  return (
    <p class="field">
      <label for={p.name}>{t(p.label)}{p.required ? null : <span class="muted"> {t('account.form.optional')}</span>}</label>
      <br />
      {p.hint ? <span id={`${p.name}-hint`} class="muted">{p.hint}<br /></span> : null}
      {p.error ? <strong id={`${p.name}-error`} class="not-sold">{t(p.error)}<br /></strong> : null}
      <input id={p.name} name={p.name} type={p.type ?? 'text'} value={p.type === 'password' ? '' : (p.value ?? '')} autoComplete={p.autoComplete} required={p.required} maxLength={p.maxLength} aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy || undefined} />
    </p>
  )
}

/** A status line shown after a redirect ("address saved"), announced politely. */
export function Notice({ text }: { text: string | null }) {
  return text ? <p class="age-notice" role="status">{text}</p> : null
}
