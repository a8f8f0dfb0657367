// `npm run producer-user:create -- --producer PRD-ACS --email rose@example.org --name "Rose Anse"`
// Creates a producer portal account (a producer's staff member). The password is read from
// LAKOU_PRODUCER_PASSWORD, else asked on the terminal without echo; it follows the password
// policy. With --generate, a password is generated and printed once.
// On the embedded database, stop `npm start` first (one process owns the data folder).
import readline from 'node:readline'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../kernel/config.ts'
import { systemCtx } from '../kernel/ctx.ts'
import { migrateToLatest } from '../kernel/db/migrate.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { AppError } from '../kernel/errors.ts'
import { createProducerUser } from '../modules/producer-accounts/index.ts'

const USAGE = 'usage: npm run producer-user:create -- --producer <code or id, e.g. PRD-ACS> --email <e-mail> --name <name> [--generate]'

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
  const { values } = parseArgs({ options: { producer: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, generate: { type: 'boolean' } } })
  if (!values.producer || !values.email || !values.name) {
    console.error(USAGE)
    process.exit(2)
  }
  const given = values.generate ? '' : process.env.LAKOU_PRODUCER_PASSWORD ?? (process.stdin.isTTY ? await askHidden('Mot de passe (12 caractères au moins) : ') : '')
  if (!given && !values.generate) {
    console.error(`refused: no password (set LAKOU_PRODUCER_PASSWORD, type it, or pass --generate)\n${USAGE}`)
    process.exit(2)
  }
  const config = loadConfig()
  const database = await openConfiguredDatabase(config)
  try {
    await migrateToLatest(database.db)
    const { user, generatedPassword } = await createProducerUser(systemCtx(database.db, 'cli:producer-user-create'), { producerId: values.producer, email: values.email, name: values.name, password: given })
    console.log(`created ${user.email} for ${values.producer} — sign in at ${config.publicUrl}/portail/connexion`)
    if (generatedPassword) console.log(`password (shown once): ${generatedPassword}`)
  } finally {
    await database.close()
  }
}

main().catch((err) => {
  if (err instanceof AppError || err instanceof ConfigError) console.error(`refused: ${err.message}`)
  else console.error(`failed: ${err instanceof Error ? err.message : err}`)
  process.exit(2)
})
