// Runs PGlite in its own thread so its synchronous WASM work never freezes the
// HTTP event loop, and serves it over the PostgreSQL wire protocol on loopback so
// the app talks to it with the same `pg` driver as to a real server.
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

const extensions = { pg_trgm, unaccent, fuzzystrmatch }
const { dataDir, loadDataDir } = workerData

try {
  const db = await PGlite.create(dataDir ?? 'memory://', {
    extensions,
    ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
  })
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 64 })
  await server.start()
  const { port } = server.server.address()
  parentPort.postMessage({ type: 'ready', port })
  parentPort.on('message', async (msg) => {
    if (msg.type === 'dump') {
      const blob = await db.dumpDataDir('none')
      const buf = new Uint8Array(await blob.arrayBuffer())
      parentPort.postMessage({ type: 'dump', data: buf }, [buf.buffer])
    } else if (msg.type === 'stop') {
      await server.stop()
      await db.close()
      parentPort.postMessage({ type: 'stopped' })
    }
  })
} catch (err) {
  parentPort.postMessage({ type: 'error', message: String(err?.stack ?? err) })
}
