import { BarChart, FunnelChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { ChartModel } from './chart-model.ts'
import { optionsOf } from './chart-options.ts'

// only what the dashboards draw: each setOption then walks a few component types, not all of them
echarts.use([LineChart, BarChart, FunnelChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer])

export type ChartSize = { width: number; height: number }
export const CHART_SIZE: ChartSize = { width: 640, height: 280 }
export const SPARK_SIZE: ChartSize = { width: 140, height: 36 }

export type RenderedChart = { svg: string; ms: number }

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

// The back office's CSP allows no inline style: ECharts' style="" attributes become SVG
// presentation attributes, and its <style> (hover effects, useless without script) is dropped.
const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'stroke', 'opacity', 'fill-opacity', 'stroke-opacity'])
export function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, decl: string) => decl.split(';').map((d) => d.split(':').map((x) => x.trim()))
      .filter(([k, v]) => k && v && PRESENTATION.has(k)).map(([k, v]) => ` ${k}="${v!.replace(/"/g, '&quot;')}"`).join(''))
}

/**
 * One chart as an SVG string, drawn on the server by Apache ECharts (no client script). Every call
 * builds and disposes its own instance: nothing is shared between requests. The SVG is an image
 * named by its <title> and <desc>; `ms` is the render time (for the bench and the server log).
 */
export function renderChartSvg(model: ChartModel, size: ChartSize = model.kind === 'sparkline' ? SPARK_SIZE : CHART_SIZE): RenderedChart {
  const started = performance.now()
  const key = `${size.width}x${size.height}|${JSON.stringify(model)}`
  const seen = rendered.get(key)
  if (seen !== undefined) {
    rendered.delete(key) // least recently used goes first
    rendered.set(key, seen)
    return { svg: seen, ms: performance.now() - started }
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  let raw: string
  try {
    chart.setOption(optionsOf(model))
    raw = chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
  const id = `chart-${model.id}`
  const svg = withoutInlineStyles(raw).replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-t ${id}-d" focusable="false" `)
    .replace(/^(<svg[^>]*>)/, `$1<title id="${id}-t">${escapeXml(model.title)}</title><desc id="${id}-d">${escapeXml(model.description)}</desc>`)
  rendered.set(key, svg)
  if (rendered.size > MAX_RENDERED) rendered.delete(rendered.keys().next().value!)
  return { svg, ms: performance.now() - started }
}

/**
 * The same model draws the same SVG: the last charts drawn are kept (a few MB at most), so a
 * dashboard viewed again before the next roll-up changes its numbers is not drawn again.
 */
const MAX_RENDERED = 256
const rendered = new Map<string, string>()
export const forgetRenderedCharts = (): void => rendered.clear()
