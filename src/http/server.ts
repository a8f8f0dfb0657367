import type { App } from './app.ts'
import type { Logger } from '../kernel/log.ts'

/**
 * Listens and shuts down gracefully: on SIGTERM/SIGINT stop accepting, finish
 * in-flight requests (Fastify answers 503 to new ones meanwhile), then run `onClosed`
 * (close the database). A second signal, or 10 s, forces the exit.
 */
export async function listen(app: App, opts: { port: number; host: string; log: Logger; onClosed: () => Promise<void> }): Promise<string> {
  const address = await app.listen({ port: opts.port, host: opts.host })
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    opts.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    try {
      await app.close()
      await opts.onClosed()
      opts.log.info('stopped')
      process.exit(0)
    } catch (err) {
      opts.log.error({ err }, 'error during shutdown')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
  return address
}
