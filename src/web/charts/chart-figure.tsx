import type { ChartModel } from './chart-model.ts'
import { formatValue, UNIT_SUFFIX } from './chart-model.ts'
import type { RenderedChart } from './render-chart.ts'

/** Column headers and rows of a chart's data, shared by the hidden table and the CSV. */
export function chartTable(m: ChartModel): { headers: string[]; rows: { label: string; cells: { unit: ChartModel['unit']; value: number | null }[] }[] } {
  const cols = [...m.series.map((s) => ({ name: s.name, unit: m.unit, values: s.values })), ...(m.extra ?? [])]
  return {
    headers: [m.categoryLabel, ...cols.map((c) => `${c.name}${UNIT_SUFFIX[c.unit]}`)],
    rows: m.categories.map((label, i) => ({ label, cells: cols.map((c) => ({ unit: c.unit, value: c.values[i] ?? null })) })),
  }
}

/**
 * A chart as a figure: caption, the server-drawn SVG, its data as a table for screen readers
 * (visually hidden: the SVG says the same to sighted readers) and the CSV download link.
 */
export function ChartFigure(p: { model: ChartModel; chart: RenderedChart; csvHref: string }) {
  const { model } = p
  const table = chartTable(model)
  const id = `chart-${model.id}`
  return (
    <figure class="chart" id={id} aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        <strong>{model.title}</strong>
        <br />
        <span class="chart-desc">{model.description}</span>
      </figcaption>
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: p.chart.svg }} />
      <table class="visually-hidden chart-data" data-chart={model.id}>
        <caption>{`${model.title} : données`}</caption>
        <thead>
          <tr>{table.headers.map((h) => <th scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              {r.cells.map((c) => <td data-value={c.value === null ? '' : String(c.value)}>{formatValue(c.unit, c.value)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="chart-actions">
        <a href={p.csvHref} download>
          Télécharger (CSV)<span class="visually-hidden">{` : ${model.title}`}</span>
        </a>
      </p>
    </figure>
  )
}
