import type { BreakdownRow, Funnel, KpiReport, Kpis } from '../../modules/analytics/index.ts'
import { eurosOf, percent, type ChartModel, type ChartUnit } from '../charts/chart-model.ts'

// The charts of each dashboard, built from the analytics module's KPI reports. Pure functions:
// the page, its accessible tables and the CSV downloads all read these models.

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  direct: 'Accès direct', seo: 'Référencement naturel', sea: 'Référencement payant', social: 'Réseaux sociaux', paid_social: 'Social payant',
  email: 'E-mail', influencer: 'Influence', affiliate: 'Affiliation', referral: 'Sites référents', display: 'Display', internal: 'Navigation interne',
}
export const DEVICE_LABELS: Readonly<Record<string, string>> = { mobile: 'Mobile', tablet: 'Tablette', desktop: 'Ordinateur' }
export const MARKET_LABELS: Readonly<Record<string, string>> = { 'FR-MAINLAND': 'France hexagonale', GP: 'Guadeloupe' }
const GRAIN_LABELS = { day: 'Jour', week: 'Semaine (lundi)', month: 'Mois' } as const

/** A breakdown's counts per key over the range (the analytics module sums them in the database). */
export type KeyTotals = { key: string; sessions: number; orderSessions: number; cartSessions: number; bounces: number; orders: number; revenueCents: number }
export function totalsByKey(rows: readonly BreakdownRow[]): KeyTotals[] {
  return rows.map(({ key, current: c }) => ({ key, sessions: c.sessions, orderSessions: c.orderSessions, cartSessions: c.cartSessions, bounces: c.bounces, orders: c.orders, revenueCents: c.revenueCents }))
}
const rate = (a: number, b: number) => (b > 0 ? percent(a / b) : null)

type Pick = (k: Kpis) => number | null
/** A KPI over time: the range against the range of as many periods just before it, period by period. */
type Series = KpiReport
function line(report: Series, id: string, title: string, description: string, unit: ChartUnit, pick: Pick, thresholds?: ChartModel['thresholds']): ChartModel {
  return {
    id, title, description, kind: 'line', unit, categoryLabel: GRAIN_LABELS[report.grain],
    categories: report.rows.map((r) => r.period),
    series: [
      { name: 'Période', values: report.rows.map((r) => pick(r.current)) },
      { name: 'Période précédente', values: report.rows.map((_, i) => (report.previousRows[i] ? pick(report.previousRows[i].current) : null)), previous: true },
    ],
    ...(thresholds ? { thresholds } : {}),
  }
}
const pct = (f: (k: Kpis) => number | null): Pick => (k) => percent(f(k))
const eur = (f: (k: Kpis) => number | null): Pick => (k) => eurosOf(f(k))

function breakdown(id: string, title: string, label: string, names: Readonly<Record<string, string>>, totals: KeyTotals[], kind: 'bar' | 'hbar' = 'bar'): ChartModel {
  return {
    id, title, kind, unit: 'percent', categoryLabel: label, categories: totals.map((t) => names[t.key] ?? t.key),
    description: `Taux de conversion et d’ajout au panier par ${label.toLowerCase()} sur la période (sessions en colonne du tableau).`,
    series: [
      { name: 'Taux de conversion', values: totals.map((t) => rate(t.orderSessions, t.sessions)) },
      { name: 'Taux d’ajout au panier', values: totals.map((t) => rate(t.cartSessions, t.sessions)) },
    ],
    extra: [{ name: 'Sessions', unit: 'count', values: totals.map((t) => t.sessions) }],
  }
}

export type SiteData = { series: Series; byDevice: readonly BreakdownRow[]; byMarket: readonly BreakdownRow[] }
export function siteCharts(d: SiteData): ChartModel[] {
  const s = d.series
  return [
    line(s, 'conversion', 'Taux de conversion', 'Sessions avec une commande / sessions, par période, comparé à la même durée juste avant (pointillés).', 'percent', pct((k) => k.conversionRate)),
    line(s, 'ajout-panier', 'Taux d’ajout au panier', 'Sessions avec un ajout au panier / sessions.', 'percent', pct((k) => k.addToCartRate)),
    line(s, 'clics', 'Taux de clic des listes', 'Fiches produit ouvertes depuis une liste (catégorie, collection, recherche) / listes vues.', 'percent', pct((k) => k.clickThroughRate)),
    line(s, 'rebond', 'Taux de rebond', 'Sessions d’une seule page sans ajout ni commande / sessions.', 'percent', pct((k) => k.bounceRate)),
    line(s, 'recherche-sans-resultat', 'Recherches sans résultat', 'Recherches sans résultat / recherches.', 'percent', pct((k) => k.zeroResultRate)),
    line(s, 'sortie-recherche', 'Sorties depuis la recherche', 'Sessions quittées sur une page de résultats / sessions avec recherche.', 'percent', pct((k) => k.searchExitRate)),
    line(s, 'lcp', 'LCP (75e centile)', 'Affichage du plus grand élément, mesuré chez les visiteurs ; « bon » sous 2,5 s.', 'ms', (k) => k.lcpP75, [{ label: 'Bon : 2 500 ms', value: 2500 }]),
    line(s, 'inp', 'INP (75e centile)', 'Réactivité aux interactions, mesurée chez les visiteurs ; « bon » sous 200 ms.', 'ms', (k) => k.inpP75, [{ label: 'Bon : 200 ms', value: 200 }]),
    line(s, 'cls', 'CLS (75e centile)', 'Stabilité de la mise en page, mesurée chez les visiteurs ; « bon » sous 0,1.', 'score', (k) => k.clsP75, [{ label: 'Bon : 0,1', value: 0.1 }]),
    breakdown('appareils', 'Par appareil', 'Appareil', DEVICE_LABELS, totalsByKey(d.byDevice)),
    breakdown('marches', 'Par marché', 'Marché', MARKET_LABELS, totalsByKey(d.byMarket)),
  ]
}

export type AnalysisData = { funnel: Funnel; touch: 'first' | 'last'; byChannel: readonly BreakdownRow[]; byDevice: readonly BreakdownRow[]; byMarket: readonly BreakdownRow[] }
export function analysisCharts(d: AnalysisData): ChartModel[] {
  const f = d.funnel
  const steps: [string, number][] = [['Visite', f.sessions], ['Vue produit', f.productViews], ['Ajout au panier', f.carts], ['Commande commencée', f.checkouts], ['Commande', f.orders]]
  const channels = totalsByKey(d.byChannel)
  const touch = d.touch === 'first' ? 'premier contact' : 'dernier contact'
  return [
    {
      id: 'entonnoir', title: 'Entonnoir de conversion', kind: 'funnel', unit: 'count', categoryLabel: 'Étape',
      description: 'Sessions ayant franchi chaque étape et toutes les précédentes, avec la perte d’une étape à l’autre.',
      categories: steps.map(([n]) => n), series: [{ name: 'Sessions', values: steps.map(([, v]) => v) }],
      extra: [
        { name: 'Part des visites', unit: 'percent', values: steps.map(([, v]) => rate(v, f.sessions)) },
        { name: 'Perte depuis l’étape précédente', unit: 'percent', values: steps.map(([, v], i) => (i === 0 ? null : rate(steps[i - 1]![1] - v, steps[i - 1]![1]))) },
      ],
    },
    {
      id: 'canaux-sessions', title: `Sessions par canal (${touch})`, kind: 'hbar', unit: 'count', categoryLabel: 'Canal',
      description: `Sessions de la période par canal d’acquisition, attribuées au ${touch}.`,
      categories: channels.map((t) => CHANNEL_LABELS[t.key] ?? t.key), series: [{ name: 'Sessions', values: channels.map((t) => t.sessions) }],
    },
    {
      id: 'canaux-conversion', title: `Conversion par canal (${touch})`, kind: 'hbar', unit: 'percent', categoryLabel: 'Canal',
      description: `Sessions avec une commande / sessions, par canal (${touch}).`,
      categories: channels.map((t) => CHANNEL_LABELS[t.key] ?? t.key), series: [{ name: 'Taux de conversion', values: channels.map((t) => rate(t.orderSessions, t.sessions)) }],
      extra: [{ name: 'Sessions', unit: 'count', values: channels.map((t) => t.sessions) }, { name: 'Sessions avec commande', unit: 'count', values: channels.map((t) => t.orderSessions) }],
    },
    breakdown('appareils', 'Par appareil', 'Appareil', DEVICE_LABELS, totalsByKey(d.byDevice)),
    breakdown('marches', 'Par marché', 'Marché', MARKET_LABELS, totalsByKey(d.byMarket)),
  ]
}

export type DirectionData = { series: Series; money: boolean }
export function directionCharts(d: DirectionData): ChartModel[] {
  const s = d.series
  return [
    ...(d.money ? [line(s, 'chiffre-affaires', 'Chiffre d’affaires', 'Montant TTC des commandes mesurées sur le site, par période.', 'euros', eur((k) => k.revenueCents))] : []),
    line(s, 'commandes', 'Commandes', 'Commandes confirmées sur le site, par période.', 'count', (k) => k.orders),
    ...(d.money ? [line(s, 'panier-moyen', 'Panier moyen', 'Chiffre d’affaires / commandes.', 'euros', eur((k) => k.averageOrderValueCents))] : []),
    line(s, 'conversion', 'Taux de conversion', 'Sessions avec une commande / sessions.', 'percent', pct((k) => k.conversionRate)),
  ]
}

/** A KPI card of the director's page: this range against the range just before. */
export type KpiCard = { id: string; label: string; unit: ChartUnit; current: number | null; previous: number | null; spark: (number | null)[] }
export function directionCards(d: DirectionData): KpiCard[] {
  const { current, previous } = d.series.total
  const card = (id: string, label: string, unit: ChartUnit, pick: Pick): KpiCard => ({ id, label, unit, current: pick(current), previous: pick(previous), spark: d.series.rows.map((r) => pick(r.current)) })
  return [
    ...(d.money ? [card('chiffre-affaires', 'Chiffre d’affaires', 'euros', eur((k) => k.revenueCents))] : []),
    card('commandes', 'Commandes', 'count', (k) => k.orders),
    ...(d.money ? [card('panier-moyen', 'Panier moyen', 'euros', eur((k) => k.averageOrderValueCents))] : []),
    card('conversion', 'Taux de conversion', 'percent', pct((k) => k.conversionRate)),
    card('reachat', 'Taux de réachat', 'percent', pct((k) => k.repeatPurchaseRate)),
  ]
}
