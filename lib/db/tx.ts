// Options of every interactive transaction. Prisma's defaults (2 s to start, 5 s to run) fail
// requests while the embedded database serialises writers or a server is briefly slow; 15 s matches
// the statement timeout of the PostgreSQL pool (client.ts), so one slow query fails both ways alike.
// Bulk jobs (demo and large seeds) pass their own, longer limits.
import 'server-only'
export const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const
