// The practice's records as FHIR R4 NDJSON (admins only, like the audit CSV). A practice can hold
// thousands of clients and hundreds of thousands of responses, so nothing is read whole: the
// stream pulls one keyset page (ordered by primary key) at a time, and the reader's pace sets how
// fast pages are read. The pages are separate reads over a minute or more, so the export is cut at
// the moment it starts (the database's clock): a client added while it runs, with an answer, must
// not appear as a response whose Patient is missing from the file.
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { Prisma } from './generated/client'
import { assertAdmin, clientScope, clientScopeSql } from './scope'
import { NotFoundError } from './errors'
import { FHIR_INSTRUMENT_IDS, fhirGoalSelect, fhirResponseSelect, fhirResponseWhere } from './fhir-client'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { buildGoal, buildPatient } from '@/lib/fhir/patient-goal'
import { ndjsonLine, questionnairesFor, responseResources } from '@/lib/fhir/record'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'

/** Rows per keyset page: clients (with their goals), and responses (each a few resources). */
const PAGE = { clients: 500, responses: 1000 }
type Pages = typeof PAGE

export interface FhirBulkExport {
  filename: string
  /** Lines of NDJSON, one resource each. */
  lines: AsyncGenerator<string>
}

/** Every resource of the practice: questionnaires, then patients with their goals, then responses with their scores. */
async function* practiceLines(admin: Actor, timeZone: string, versions: ReturnType<typeof questionnairesFor>, page: Pages, asOf: Date): AsyncGenerator<string> {
  for (const q of versions) yield ndjsonLine(q)
  const scope = clientScope(admin)
  let clientCursor: string | undefined
  for (;;) {
    const clients = await db.client.findMany({
      where: { ...scope, createdAt: { lte: asOf }, ...(clientCursor ? { id: { gt: clientCursor } } : {}) },
      orderBy: { id: 'asc' },
      take: page.clients,
      select: { id: true, firstName: true, lastName: true, dateOfBirth: true },
    })
    if (clients.length === 0) break
    clientCursor = clients[clients.length - 1]!.id
    const goals = await db.goal.findMany({
      where: { clientId: { in: clients.map((c) => c.id) }, client: scope, createdAt: { lte: asOf } },
      orderBy: [{ clientId: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: fhirGoalSelect,
    })
    yield clients.map((c) => ndjsonLine(buildPatient(c))).join('') + goals.map((g) => ndjsonLine(buildGoal(g, timeZone))).join('')
  }
  let responseCursor: string | undefined
  for (;;) {
    const responses = await db.response.findMany({
      where: { client: scope, ...fhirResponseWhere, submittedAt: { lte: asOf }, ...(responseCursor ? { id: { gt: responseCursor } } : {}) },
      orderBy: { id: 'asc' },
      take: page.responses,
      select: fhirResponseSelect,
    })
    if (responses.length === 0) break
    responseCursor = responses[responses.length - 1]!.id
    yield responses.map((r) => responseResources(r).map(ndjsonLine).join('')).join('')
  }
}

/**
 * Checks the actor is an admin (anyone else: NotFoundError and an AUTHZ_DENIED event), reads the
 * instrument versions used and builds their questionnaires (so a version this build cannot describe
 * fails before anything is sent), records the export, and returns the lines to stream.
 */
export async function exportPracticeFhir(
  admin: Actor,
  opts: { now?: Date; ip?: string | null; requestId?: string | null; page?: Pages } = {},
): Promise<FhirBulkExport> {
  await assertAdmin(admin, 'Page', { attempted: 'EXPORT_FHIR_BULK', targetType: 'Practice' })
  const now = opts.now ?? new Date()
  const practice = await db.practice.findUnique({ where: { id: admin.practiceId }, select: { timeZone: true } })
  if (!practice) throw new NotFoundError('Practice')
  const [counts] = await db.$queryRaw<{ asOf: Date; clients: bigint; responses: bigint }[]>`
    SELECT now() AS "asOf",
           (SELECT count(*) FROM "Client" c WHERE ${clientScopeSql(admin)} AND c."createdAt" <= now()) AS clients,
           (SELECT count(*) FROM "Response" r JOIN "Client" c ON c."id" = r."clientId"
             WHERE ${clientScopeSql(admin)} AND r."instrumentId" IN (${Prisma.join(FHIR_INSTRUMENT_IDS)}) AND r."submittedAt" <= now()) AS responses`
  if (!counts) throw new Error('The export could not read its starting point')
  const used = await db.$queryRaw<{ instrumentId: string; instrumentVersion: string }[]>`
    SELECT DISTINCT r."instrumentId", r."instrumentVersion" FROM "Response" r JOIN "Client" c ON c."id" = r."clientId"
    WHERE ${clientScopeSql(admin)} AND r."instrumentId" IN (${Prisma.join(FHIR_INSTRUMENT_IDS)})
    ORDER BY 1, 2`
  const versions = questionnairesFor(used.map((u) => ({ id: `${u.instrumentId}@${u.instrumentVersion}`, ...u })))
  await recordAudit({
    ...actorFields(admin),
    action: 'EXPORT_FHIR_BULK',
    targetType: 'Practice',
    targetId: admin.practiceId,
    details: { export: 'fhir-ndjson', clients: Number(counts.clients), responses: Number(counts.responses), questionnaires: versions.length },
    ip: opts.ip ?? null,
    requestId: opts.requestId ?? null,
  })
  return {
    filename: `fhir-practice-${todayInTimeZone(now, practice.timeZone)}.ndjson`,
    lines: practiceLines(admin, practice.timeZone, versions, opts.page ?? PAGE, counts.asOf),
  }
}
