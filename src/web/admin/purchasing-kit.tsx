import type { FormErrors } from './kit.tsx'

// Small pieces shared by the purchasing screens.

export { STATUS_LABELS as PO_STATUS_LABELS } from '../../modules/purchasing/index.ts'

/** 'YYYY-MM-DD' → "12/03/2026"; null → "—". */
export const shortDay = (d: string | null | undefined): string => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—')

/** "8,5 %" from basis points. */
export const rate = (bp: number): string => `${(bp / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} %`

/** Cents → "4,20" for an input (no currency sign). */
export const eurosInput = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',')

/** A small input inside a table cell, labelled for screen readers, with its error below. */
export function CellInput(p: { name: string; id: string; label: string; value?: string | number | null | undefined; errors: FormErrors; type?: 'text' | 'date'; inputMode?: 'numeric' | 'decimal'; size?: number; maxLength?: number }) {
  const error = p.errors[p.id]
  return (
    <>
      <label class="visually-hidden" for={`f-${p.id}`}>{p.label}</label>
      <input id={`f-${p.id}`} name={p.name} type={p.type ?? 'text'} inputMode={p.inputMode} size={p.size ?? 6} maxLength={p.maxLength} value={p.value == null ? '' : String(p.value)}
        aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `f-${p.id}-error` : undefined} />
      {error ? <p class="error" id={`f-${p.id}-error`}>{error}</p> : null}
    </>
  )
}
