/** The option a shopper picks between sizes: "70 cl", "1 L", "250 g", "5 tiges" / "5 stems". */
export function variantOptionLabel(value: number, unit: 'ml' | 'g' | 'stem' | 'pod' | 'piece', locale: 'fr' | 'en'): string {
  const num = (n: number) => new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(n)
  switch (unit) {
    case 'ml':
      if (value >= 1000) return `${num(value / 1000)} L`
      if (value % 10 === 0) return `${num(value / 10)} cl`
      return `${num(value)} ml`
    case 'g':
      return value >= 1000 ? `${num(value / 1000)} kg` : `${num(value)} g`
    case 'stem':
      return locale === 'fr' ? `${num(value)} tige${value > 1 ? 's' : ''}` : `${num(value)} stem${value > 1 ? 's' : ''}`
    case 'pod':
      return locale === 'fr' ? `${num(value)} gousse${value > 1 ? 's' : ''}` : `${num(value)} pod${value > 1 ? 's' : ''}`
    case 'piece':
      return locale === 'fr' ? `${num(value)} pièce${value > 1 ? 's' : ''}` : `${num(value)} piece${value > 1 ? 's' : ''}`
  }
}
