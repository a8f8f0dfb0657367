import type { ComponentChildren } from 'preact'
import { CsrfInput, TextArea, TextField, type FormErrors } from './kit.tsx'

// Shared pieces of the catalogue screens: form values as typed, French and English side by side,
// and a frame that is a form for editors and a read-only block for the other roles.

/** A form's values as strings (from the record, or as posted back after an error). */
export type FormValues = Record<string, string | string[] | undefined>

export const valueOf = (v: FormValues, k: string): string => {
  const x = v[k]
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '')
}
export const valuesOf = (v: FormValues, k: string): string[] => {
  const x = v[k]
  return Array.isArray(x) ? x : x ? [x] : []
}
export const isOn = (v: FormValues, k: string): boolean => valueOf(v, k) === 'on'

export const STATUS_LABELS: Readonly<Record<string, string>> = { DRAFT: 'Brouillon', ACTIVE: 'En vente', ARCHIVED: 'Archivé' }

/** Cents → "12,50" for a price field. */
export const eurosField = (cents: number | null | undefined): string => (cents == null ? '' : (cents / 100).toFixed(2).replace('.', ','))

/** One text field in French and its English twin, side by side (fields `<base>_fr`, `<base>_en`). */
export function LangFields(p: { base: string; label: string; values: FormValues; errors: FormErrors; area?: boolean; rows?: number; maxLength?: number; hint?: string; required?: boolean }) {
  const one = (lang: 'fr' | 'en', langLabel: string) => {
    const name = `${p.base}_${lang}`
    const common = { name, label: `${p.label} (${langLabel})`, error: p.errors[name], hint: p.hint, required: p.required, maxLength: p.maxLength }
    return p.area ? <TextArea {...common} value={valueOf(p.values, name)} rows={p.rows ?? 5} /> : <TextField {...common} value={valueOf(p.values, name)} />
  }
  return (
    <div class="two-langs">
      {one('fr', 'français')}
      {one('en', 'anglais')}
    </div>
  )
}

/** A form for members who may edit; otherwise the same fields, read-only, with no button. */
export function EditFrame(p: { canEdit: boolean; action: string; csrf: string; id?: string; upload?: boolean; children: ComponentChildren; submit?: string }) {
  if (!p.canEdit) {
    return (
      <fieldset class="read-only" disabled>
        {p.children}
      </fieldset>
    )
  }
  return (
    <form method="post" action={p.action} id={p.id} enctype={p.upload ? 'multipart/form-data' : undefined} novalidate>
      <CsrfInput token={p.csrf} />
      {p.children}
      {p.submit ? <button type="submit" class="primary">{p.submit}</button> : null}
    </form>
  )
}
