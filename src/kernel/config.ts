import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/** Root of the project checkout (where package.json lives). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const portSchema = z.coerce.number().int().min(0).max(65535)
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v))

const EnvSchema = z.object({
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LAKOU_DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, '.lakou-data')),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LAKOU_SEED: z.enum(['auto', 'never']).default('auto'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  TRUST_PROXY: bool.default(false),
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
})

export type Config = Readonly<{
  port: number
  host: string
  /** absent: the embedded PGlite database in `dataDir/pglite` */
  databaseUrl: string | undefined
  dataDir: string
  /** base of canonical URLs, sitemap and Open Graph; defaults to http://localhost:PORT */
  publicUrl: string
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  /** 'auto': load the demo market into an empty database at start */
  seed: 'auto' | 'never'
  dbPoolMax: number
  trustProxy: boolean
  /** storefront pages served from memory for this long per market and URL; 0 disables */
  pageCacheSeconds: number
}>

export class ConfigError extends Error {}

/** Parses and checks the environment once at boot; the only reader of process.env. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(raw[String(i.path[0])])})`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee README.md, section Configuration.`)
  }
  const e = parsed.data
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.LAKOU_DATA_DIR),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    seed: e.LAKOU_SEED,
    dbPoolMax: e.DB_POOL_MAX,
    trustProxy: e.TRUST_PROXY,
    pageCacheSeconds: e.PAGE_CACHE_SECONDS,
  })
}
