/**
 * The carriers the delegation hands parcels to, their tracking-number formats and the public
 * tracking page of a parcel. A number is upper-cased and stripped of spaces before checking.
 */
export const CARRIERS = {
  colissimo: { label: 'Colissimo', pattern: /^(?:[0-9][A-Z][0-9]{11}|[A-Z]{2}[0-9]{9}[A-Z]{2}|[0-9A-Z]{11,15})$/, url: (n: string) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}` },
  chronopost: { label: 'Chronopost', pattern: /^(?:[A-Z]{2}[0-9]{9}[A-Z]{2}|[0-9A-Z]{13,14})$/, url: (n: string) => `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${n}` },
  dhl: { label: 'DHL Express', pattern: /^(?:[0-9]{10}|JD[0-9]{18})$/, url: (n: string) => `https://www.dhl.com/fr-fr/home/suivi.html?tracking-id=${n}` },
  ups: { label: 'UPS', pattern: /^1Z[0-9A-Z]{16}$/, url: (n: string) => `https://www.ups.com/track?tracknum=${n}` },
} as const

export type CarrierCode = keyof typeof CARRIERS
export const isCarrier = (c: string): c is CarrierCode => Object.hasOwn(CARRIERS, c)

export type TrackingCheck = { ok: true; carrier: CarrierCode; number: string; url: string } | { ok: false; field: 'carrier' | 'tracking'; message: string }

export function checkTracking(carrier: string, tracking: string): TrackingCheck {
  if (!isCarrier(carrier)) return { ok: false, field: 'carrier', message: 'Choisissez le transporteur dans la liste.' }
  const number = tracking.replace(/\s+/g, '').toUpperCase()
  if (!number) return { ok: false, field: 'tracking', message: 'Indiquez le numéro de suivi du colis.' }
  const c = CARRIERS[carrier]
  if (!c.pattern.test(number)) return { ok: false, field: 'tracking', message: `« ${tracking.slice(0, 40)} » n’est pas un numéro de suivi ${c.label} valide.` }
  return { ok: true, carrier, number, url: c.url(encodeURIComponent(number)) }
}
