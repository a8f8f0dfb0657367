import { test } from 'node:test'
import assert from 'node:assert/strict'
import { chartTable } from './chart-figure.tsx'
import { formatValue, percent, type ChartModel } from './chart-model.ts'
import { forgetRenderedCharts, renderChartSvg, withoutInlineStyles } from './render-chart.ts'

const line: ChartModel = {
  id: 'lcp', title: 'LCP <75e centile>', description: 'Mesuré chez les visiteurs & comparé.', kind: 'line', unit: 'ms', categoryLabel: 'Jour',
  categories: ['2026-11-01', '2026-11-02', '2026-11-03'],
  series: [{ name: 'Période', values: [2100, null, 2900] }, { name: 'Période précédente', values: [2300, 2400, 2200], previous: true }],
  thresholds: [{ label: 'Bon : 2 500 ms', value: 2500 }],
}

test('a line chart is an SVG image named by its title and description, with the threshold drawn', () => {
  const { svg, ms } = renderChartSvg(line)
  assert.match(svg, /^<svg role="img" aria-labelledby="chart-lcp-t chart-lcp-d"/)
  assert.match(svg, /<title id="chart-lcp-t">LCP &lt;75e centile&gt;<\/title><desc id="chart-lcp-d">Mesuré chez les visiteurs &amp; comparé\.<\/desc>/)
  assert.match(svg, /width="640" height="280"/, 'a fixed size')
  assert.match(svg, />Bon : 2 500 ms</, 'the "good" threshold is labelled')
  assert.match(svg, /stroke-dasharray/, 'the previous period is dashed')
  assert.doesNotMatch(svg, / style="|<style/, 'nothing the CSP would block')
  assert.ok(ms > 0)
})

test('inline styles become presentation attributes; unknown properties are dropped', () => {
  assert.equal(withoutInlineStyles('<svg><style>.a:hover{}</style><text style="font-size:12px;font-family:sans-serif;cursor:pointer;">x</text></svg>'),
    '<svg><text font-size="12px" font-family="sans-serif">x</text></svg>')
})

test('bar, horizontal bar, funnel and sparkline charts render their categories', () => {
  const bars: ChartModel = { id: 'canaux', title: 'Sessions par canal', description: 'd', kind: 'hbar', unit: 'count', categoryLabel: 'Canal', categories: ['E-mail', 'Display'], series: [{ name: 'Sessions', values: [120, 4] }] }
  assert.match(renderChartSvg(bars).svg, />E-mail</)
  assert.match(renderChartSvg({ ...bars, kind: 'bar' }).svg, />Display</)
  const funnel = renderChartSvg({ ...bars, id: 'f', kind: 'funnel', categories: ['Visite', 'Commande'], series: [{ name: 'Sessions', values: [1000, 31] }] }).svg
  assert.match(funnel, /Visite : 1[\s\u202f]000/)
  const spark = renderChartSvg({ ...bars, id: 's', kind: 'sparkline' }).svg
  assert.match(spark, /width="140" height="36"/)
})

test('the data table of a chart has a column per series and extra value, in display units', () => {
  const t = chartTable({ ...line, extra: [{ name: 'Sessions', unit: 'count', values: [10, 20, 30] }] })
  assert.deepEqual(t.headers, ['Jour', 'Période (ms)', 'Période précédente (ms)', 'Sessions'])
  assert.deepEqual(t.rows[1], { label: '2026-11-02', cells: [{ unit: 'ms', value: null }, { unit: 'ms', value: 2400 }, { unit: 'count', value: 20 }] })
  assert.equal(percent(1 / 3), 33.33)
  assert.equal(percent(0.00005), 0.01, 'half away from zero')
  assert.equal(percent(null), null)
  assert.equal(formatValue('percent', 3.5), '3,50 %')
  assert.equal(formatValue('euros', 1234.5).replace(/\s/g, ' '), '1 234,50 €')
  assert.equal(formatValue('ms', null), '—')
})

test('render time per chart (measured, reported)', () => {
  renderChartSvg(line)
  const times: number[] = []
  for (let i = 0; i < 10; i++) times.push(renderChartSvg(line).ms)
  times.sort((a, b) => a - b)
  console.log(`line chart render: median ${times[5]!.toFixed(1)} ms over 10`)
  assert.ok(times[5]! < 2000)
})

test('a chart drawn again from the same model is the same SVG, taken from the recent ones', () => {
  forgetRenderedCharts()
  const model: ChartModel = { id: 'again', title: 'Commandes', description: 'Par jour', kind: 'bar', unit: 'count', categoryLabel: 'Jour', categories: ['lun.', 'mar.'], series: [{ name: 'Commandes', values: [3, 5] }] }
  const first = renderChartSvg(model)
  const second = renderChartSvg(model)
  assert.equal(second.svg, first.svg)
  const changed = renderChartSvg({ ...model, series: [{ name: 'Commandes', values: [3, 6] }] })
  assert.notEqual(changed.svg, first.svg, 'new numbers, new drawing')
})
