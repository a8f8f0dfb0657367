// `npm run staff:create -- --email ana@example.org --name "Ana Dupont" --roles administrator[,finance]`
// Creates a back-office account (the first administrator, typically). The password is read from
// LAKOU_STAFF_PASSWORD, else asked on the terminal without echo; it follows the password policy.
// On the embedded database, stop `npm start` first (one process owns the data folder).
import readline from 'node:readline'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { ConfigError, loadConfig } from '../kernel/config.ts'
import { systemCtx } from '../kernel/ctx.ts'
import { migrateToLatest } from '../kernel/db/migrate.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { AppError } from '../kernel/errors.ts'
import { createStaff, ROLES } from '../modules/staff/index.ts'

const USAGE = `usage: npm run staff:create -- --email <e-mail> --name <name> --roles <role>[,<role>…]
roles: ${ROLES.join(', ')}`

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true })
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream }
    out._writeToOutput = (s: string) => void (s.includes(question) ? out.output.write(s) : undefined)
    rl.question(question, (answer) => {
      rl.close()
      process.stdout.write('\n')
      resolve(answer)
    })
  })
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' } } })
  if (!values.email || !values.name || !values.roles) {
    console.error(USAGE)
    process.exit(2)
  }
  const password = process.env.LAKOU_STAFF_PASSWORD ?? (process.stdin.isTTY ? await askHidden('Mot de passe (12 caractères au moins) : ') : '')
  const config = loadConfig()
  const database = await openConfiguredDatabase(config)
  try {
    await migrateToLatest(database.db)
    const member = await createStaff(systemCtx(database.db, 'cli:staff-create'), { email: values.email, name: values.name, password, roles: values.roles.split(',').map((r) => r.trim()) as never })
    console.log(`created ${member.email} (${member.roles.join(', ')}) — sign in at ${config.publicUrl}/admin`)
  } finally {
    await database.close()
  }
}

main().catch((err) => {
  if (err instanceof z.ZodError) console.error(`refused: ${err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}\n${USAGE}`)
  else if (err instanceof AppError || err instanceof ConfigError) console.error(`refused: ${err.message}`)
  else console.error(`failed: ${err instanceof Error ? err.message : err}`)
  process.exit(2)
})
