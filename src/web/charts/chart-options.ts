import type { ChartModel, ChartUnit } from './chart-model.ts'

// ECharts options per kind of chart. Colours: a colour-blind-safe palette (Okabe–Ito) with the
// previous period in dashed grey, so the comparison does not rest on colour alone.
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000']
const PREVIOUS = '#7a7a7a'
const TEXT = { fontFamily: 'system-ui, sans-serif', fontSize: 12, color: '#333333' }

const axisFormat = (unit: ChartUnit) => (v: number) => {
  if (unit === 'percent') return `${v} %`
  if (unit === 'euros') return `${v.toLocaleString('fr-FR')} €`
  if (unit === 'ms') return `${v.toLocaleString('fr-FR')} ms`
  return v.toLocaleString('fr-FR')
}

export type EChartsOption = Record<string, unknown>

export function optionsOf(m: ChartModel): EChartsOption {
  const base = { animation: false, textStyle: TEXT, color: PALETTE, aria: { enabled: false } }
  if (m.kind === 'sparkline') {
    return { ...base, grid: { left: 2, right: 2, top: 4, bottom: 4 }, xAxis: { type: 'category', show: false, data: m.categories }, yAxis: { type: 'value', show: false, scale: true },
      series: m.series.map((s) => ({ type: 'line', data: s.values, showSymbol: false, silent: true, lineStyle: { width: 2 } })) }
  }
  if (m.kind === 'funnel') {
    const s = m.series[0]!
    return { ...base,
      series: [{ type: 'funnel', sort: 'none', left: '8%', width: '60%', top: 10, bottom: 10, minSize: '8%', gap: 2, silent: true,
        label: { position: 'right', color: '#222222', formatter: (p: { name: string; value: number }) => `${p.name} : ${p.value.toLocaleString('fr-FR')}` },
        data: m.categories.map((name, i) => ({ name, value: s.values[i] ?? 0 })) }] }
  }
  const horizontal = m.kind === 'hbar'
  const valueAxis = { type: 'value', axisLabel: { formatter: axisFormat(m.unit) }, splitLine: { lineStyle: { color: '#e3e3e3' } } }
  const catAxis = { type: 'category', data: m.categories, axisLabel: { hideOverlap: true }, ...(horizontal ? { inverse: true } : {}) }
  const lines = m.thresholds?.length
    ? { markLine: { silent: true, symbol: 'none', lineStyle: { color: '#117733', type: 'dotted', width: 2 }, label: { formatter: '{b}', position: 'insideEndTop', color: '#117733' },
        data: m.thresholds.map((t) => ({ name: t.label, yAxis: t.value })) } }
    : {}
  return { ...base,
    grid: { left: horizontal ? 110 : 64, right: 24, top: m.series.length > 1 ? 36 : 16, bottom: 32 },
    legend: m.series.length > 1 ? { top: 4, textStyle: TEXT } : undefined,
    xAxis: horizontal ? valueAxis : catAxis,
    yAxis: horizontal ? catAxis : valueAxis,
    series: m.series.map((s, i) => ({
      name: s.name, type: m.kind === 'line' ? 'line' : 'bar', data: s.values, silent: true,
      connectNulls: false, showSymbol: m.categories.length <= 31, symbolSize: 5,
      ...(s.previous ? { lineStyle: { type: 'dashed', color: PREVIOUS }, itemStyle: { color: PREVIOUS } } : {}),
      ...(m.kind !== 'line' ? { label: { show: m.categories.length <= 12, position: horizontal ? 'right' : 'top', formatter: (p: { value: number }) => axisFormat(m.unit)(p.value) } } : {}),
      ...(i === 0 ? lines : {}),
    })),
  }
}
