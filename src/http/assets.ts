import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../kernel/config.ts'

export const ASSETS_DIR = path.join(PROJECT_ROOT, 'src', 'web', 'storefront', 'assets')

/** Fingerprinted URLs (`/assets/site.css?v=3f2a…`) so assets can be cached for a year. */
export function assetUrls(dir = ASSETS_DIR): (name: string) => string {
  const versions = new Map<string, string>()
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const hash = createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex').slice(0, 10)
    versions.set(name, hash)
  }
  return (name) => `/assets/${name}?v=${versions.get(name) ?? '0'}`
}
