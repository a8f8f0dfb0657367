import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
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
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Lakou <commandes@lakou.example>'),
  PAYMENT_PROVIDER: z.enum(['test', 'stripe']).default('test'),
  TEST_PAYMENTS_WEBHOOK_SECRET: z.string().min(16).default('whsec_lakou_test_provider_dev'),
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  RESERVATION_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  JOBS: z.enum(['on', 'off']).default('on'),
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
  /** signs guest order links and CSRF tokens; from APP_SECRET, else kept in dataDir/app-secret */
  appSecret: string
  /** absent: e-mails are kept in the local outbox (back office) instead of being sent */
  smtpUrl: string | undefined
  mailFrom: string
  paymentProvider: 'test' | 'stripe'
  testPaymentsWebhookSecret: string
  stripeSecretKey: string | undefined
  stripeWebhookSecret: string | undefined
  /** how long a checkout holds its stock before an unpaid order is released */
  reservationMinutes: number
  /** run the durable job worker inside this process */
  jobs: boolean
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
    appSecret: e.APP_SECRET ?? readOrCreateSecret(path.resolve(e.LAKOU_DATA_DIR)),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    paymentProvider: e.PAYMENT_PROVIDER,
    testPaymentsWebhookSecret: e.TEST_PAYMENTS_WEBHOOK_SECRET,
    stripeSecretKey: e.STRIPE_SECRET_KEY,
    stripeWebhookSecret: e.STRIPE_WEBHOOK_SECRET,
    reservationMinutes: e.RESERVATION_MINUTES,
    jobs: e.JOBS === 'on',
  })
}

// A secret generated once per data folder, so signed links survive restarts and every
// process sharing the folder agrees; production sets APP_SECRET.
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'app-secret')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    fs.mkdirSync(dataDir, { recursive: true })
    const secret = randomBytes(32).toString('base64url')
    try {
      fs.writeFileSync(file, secret, { flag: 'wx', mode: 0o600 })
      return secret
    } catch {
      return fs.readFileSync(file, 'utf8').trim() // another process wrote it first
    }
  }
}
