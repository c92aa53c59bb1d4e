#!/usr/bin/env node
// Stand-in for Prisma's native schema engine, which cannot be downloaded here. The Prisma CLI only
// checks that this file exists before `prisma generate`. Migrations use scripts/db-migrate.ts.
console.error('The native Prisma schema engine is not installed. Use `npm run db:migrate -- deploy|create|check`.')
process.exit(1)
