/** One bar: its label (x axis) and value; `display` is how the value is written (e.g. euros). */
export type Bar = { label: string; value: number; display: string }

/**
 * A small bar chart drawn on the server as inline SVG (no script, no library): Preact escapes
 * every label and title. Screen readers get the <title>/<desc> and the data table that follows
 * (the chart itself is aria-hidden apart from its title, the table is the accessible fallback).
 */
export function BarChart(p: { title: string; bars: Bar[]; unit: string; width?: number; height?: number; id: string }) {
  const width = p.width ?? 640
  const height = p.height ?? 220
  const pad = { top: 16, right: 8, bottom: 36, left: 8 }
  const max = Math.max(0, ...p.bars.map((b) => b.value))
  const slot = p.bars.length ? (width - pad.left - pad.right) / p.bars.length : 0
  const plot = height - pad.top - pad.bottom
  const barHeight = (v: number) => (max > 0 && v > 0 ? Math.max(1, (v / max) * plot) : 0)
  const titleId = `${p.id}-title`
  return (
    <figure class="bar-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={titleId} xmlns="http://www.w3.org/2000/svg">
        <title id={titleId}>{p.title}</title>
        <line x1={pad.left} y1={height - pad.bottom} x2={width - pad.right} y2={height - pad.bottom} stroke="#888" stroke-width="1" />
        {p.bars.map((b, i) => {
          const h = barHeight(b.value)
          const x = pad.left + i * slot + slot * 0.15
          const y = height - pad.bottom - h
          return (
            <g>
              <rect x={x.toFixed(1)} y={y.toFixed(1)} width={(slot * 0.7).toFixed(1)} height={h.toFixed(1)} fill="#1f6f5c">
                <title>{`${b.label} : ${b.display}`}</title>
              </rect>
              <text x={(x + slot * 0.35).toFixed(1)} y={height - pad.bottom + 14} font-size="10" text-anchor="middle" fill="#333">{b.label}</text>
            </g>
          )
        })}
      </svg>
      <figcaption>{`${p.title} (${p.unit}) — détail dans le tableau ci-dessous.`}</figcaption>
    </figure>
  )
}
