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
    // counted from the responses seen: autocannon's 'done' payload lacks its requests summary when
    // a `requests` array is given
    requests: latencies.length,
    rps: latencies.length / duration,
    p50: Math.round(pct(50) * 10) / 10,
    p95: Math.round(pct(95) * 10) / 10,
    p99: Math.round(pct(99) * 10) / 10,
    max: latencies.at(-1) ?? 0,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  })
})
