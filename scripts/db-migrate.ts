// npm run db:migrate -- create <name> | deploy | check
// Migrations over Prisma's WebAssembly schema engine (see lib/infra/migrate.ts for why).
import path from 'node:path'
import { env, requireConfig } from '../lib/env'
import { createMigration, deployMigrations, diffMigrationsToSchema, redactDatabaseUrl } from '../lib/infra/migrate'

const USAGE = `Usage: npm run db:migrate -- <command>

  create <name>   Write prisma/migrations/<timestamp>_<name>/ from changes to prisma/schema.prisma
  deploy          Apply pending migrations to DATABASE_URL (default pglite:./.data/pglite)
  check           Exit 1 and print the missing SQL if migrations and schema.prisma disagree (CI)`

// Paths in prisma.config.ts and a relative DATABASE_URL (./.data/pglite) are project-relative.
process.chdir(path.resolve(import.meta.dirname, '..'))
// The one configuration check (lib/env.ts): a missing or malformed setting stops here with one line.
requireConfig()

const log = (message: string) => console.error(message)
const relative = (p: string) => path.relative(process.cwd(), p) || '.'

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  switch (command) {
    case 'create': {
      const name = args.join(' ').trim()
      if (!name) {
        console.error('db-migrate create: give the migration a name, e.g. `create add_client_notes`.')
        return 2
      }
      const folder = await createMigration(name, { log })
      if (!folder) {
        console.log('No changes: prisma/migrations already matches prisma/schema.prisma. Nothing written.')
        return 0
      }
      console.log(`Created ${relative(path.join(folder, 'migration.sql'))}`)
      console.log('Review it, then apply it with: npm run db:migrate -- deploy')
      return 0
    }
    case 'deploy': {
      const url = env.DATABASE_URL
      console.log(`Applying migrations to ${redactDatabaseUrl(url)} …`)
      const started = Date.now()
      const { applied } = await deployMigrations(url, { log })
      const took = `${((Date.now() - started) / 1000).toFixed(1)} s`
      if (applied.length === 0) console.log(`Database is up to date; no pending migrations (${took}).`)
      else console.log(`Applied ${applied.length} migration(s) in ${took}:\n  ${applied.join('\n  ')}`)
      return 0
    }
    case 'check': {
      const script = await diffMigrationsToSchema({ log })
      if (!script) {
        console.log('OK: prisma/migrations matches prisma/schema.prisma.')
        return 0
      }
      console.error('Drift: prisma/schema.prisma has changes that no migration creates.')
      console.error('Run `npm run db:migrate -- create <name>` and commit the result. Missing SQL:\n')
      console.log(script)
      return 1
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(USAGE)
      return command === undefined ? 2 : 0
    default:
      console.error(`db-migrate: unknown command "${command}".\n\n${USAGE}`)
      return 2
  }
}

// Never let a connection string's password reach the terminal or CI logs.
function redactSecrets(text: string): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/)[^\s'"]+/g, (url) => redactDatabaseUrl(url))
  try {
    const password = decodeURIComponent(new URL(env.DATABASE_URL).password)
    if (password) out = out.split(password).join('***')
  } catch {
    /* not a URL with a password */
  }
  return out
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e)
    console.error(`db-migrate: ${redactSecrets(message)}`)
    process.exitCode = 1
  },
)
