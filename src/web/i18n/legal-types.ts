// Shapes of the legal pages' texts (terms of sale, legal notice, privacy, withdrawal).
// The texts live beside the other messages, one file per language.

/** Who sells: shown in the terms, the legal notice and the withdrawal form (C. consom. L111-1, L221-5; LCEN art. 6). */
export type OperatorIdentity = {
  name: string
  legalForm: string
  siren: string
  vatNumber: string
  address: string
  email: string
  phone: string
  publicationDirector: string
  host: string
  mediator: { name: string; address: string; url: string }
}

export type LegalBlock =
  | { kind: 'p'; text: string }
  | { kind: 'ul'; items: string[] }
  /** a framed box, e.g. the prescribed legal guarantee text (C. consom. D211-2) */
  | { kind: 'box'; title: string; paragraphs: string[] }
  /** the model withdrawal form (C. consom. annex to R221-1): lines to fill in */
  | { kind: 'form'; title: string; intro: string; lines: string[]; footnote: string }

export type LegalSection = { heading: string; blocks: LegalBlock[] }
export type LegalDoc = { title: string; description: string; intro?: string; sections: LegalSection[] }
export type LegalTexts = Record<'terms' | 'notice' | 'privacy' | 'withdrawal', (op: OperatorIdentity) => LegalDoc>
