/** Lowercase, accents removed, whitespace folded: the form used to compare words ("Café " → "cafe"). */
export function normalizeText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** URL slug: "Rhum vieux VSOP 4 ans 45 % vol." → "rhum-vieux-vsop-4-ans-45-vol". */
export function slugify(s: string, maxLength = 80): string {
  const slug = normalizeText(s)
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug.slice(0, maxLength).replace(/-+$/g, '') || 'item'
}
