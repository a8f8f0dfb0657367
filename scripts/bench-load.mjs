// Load generator for scripts/bench.ts, run in a worker thread so it never shares the event loop
// with the Lakou server it measures. Records every response time, for exact percentiles
// (autocannon's own summary has no p95).
import { parentPort, workerData } from 'node:worker_threads'
import autocannon from 'autocannon'

const { url, paths, connections, duration } = workerData
const latencies = []
const instance = autocannon({ url, connections, duration, requests: paths.map((path) => ({ method: 'GET', path })) })
instance.on('response', (_client, _status, _bytes, responseTime) => {
  if (latencies.length < 5_000_000) latencies.push(responseTime)
})
instance.on('done', (r) => {
  latencies.sort((a, b) => a - b)
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0)
  parentPort.postMessage({
    requests: r.requests.total,
    rps: r.requests.average,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: latencies.at(-1) ?? 0,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    bytesPerSec: r.throughput.average,
  })
})
