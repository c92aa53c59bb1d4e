import path from 'node:path'
import { defineConfig } from 'prisma/config'

// The Prisma CLI tries to download its native schema engine at start, which these machines cannot
// do. `generate` never uses it, so point the CLI at a stub (it only checks that the file exists).
// Migrations run through scripts/db-migrate.ts over @prisma/schema-engine-wasm instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'prisma', 'schema-engine-stub.js')
process.env.CHECKPOINT_DISABLE ??= '1'

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
})
