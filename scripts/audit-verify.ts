// npm run audit:verify — walks every practice's audit chain and reports the first broken link,
// and holds each chain against its newest signed checkpoint (events removed from the end).
// Exit code 0 when every chain is intact, 1 when one is broken or the check could not run, so it
// can run nightly from cron and alert. With the embedded database, stop the app first (only one
// process can open it).
//
//   --checkpoint             after a clean verify, sign every chain's head now and print one line
//                            per chain; keep those lines off the database server
//   --expect "<line>"        also check a kept line (repeatable): catches someone who removed the
//   --expect-file <path>     newest events AND the newest checkpoints ('#' comments, blank lines ok)
//   --practice <id|global>   only this chain
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { verifyAuditChains, type ChainReport } from '../lib/audit/verify'
import { CheckpointLineError, checkpointLine, latestCheckpoint, parseCheckpointLine, writeCheckpoints, type Checkpoint } from '../lib/audit/checkpoint'
import { closeDatabase } from '../lib/db/client'
import { DatabaseInUseError } from '../lib/infra/pglite'
import { requireConfig } from '../lib/env'
import { isUuid } from '../lib/validation/uuid'

// An --expect-file path is the operator's, relative to where they ran the command.
const invokedFrom = process.cwd()
// A relative DATABASE_URL (./.data/pglite) is project-relative, as for the other scripts.
process.chdir(path.resolve(import.meta.dirname, '..'))

const USAGE = 'Usage: npm run audit:verify -- [--checkpoint] [--expect "<line>"]... [--expect-file <path>]... [--practice <id|global>]'

class UsageError extends Error {}

interface Options {
  checkpoint: boolean
  expect: Checkpoint[]
  practiceId?: string | null
}

function parseOptions(argv: string[]): Options {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        checkpoint: { type: 'boolean' },
        expect: { type: 'string', multiple: true },
        'expect-file': { type: 'string', multiple: true },
        practice: { type: 'string' },
      },
    }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const expect: Checkpoint[] = []
  const add = (line: string, where: string) => {
    try {
      expect.push(parseCheckpointLine(line))
    } catch (e) {
      if (e instanceof CheckpointLineError) throw new UsageError(`${where}: ${e.message}`)
      throw e
    }
  }
  values.expect?.forEach((line, i) => add(line, `--expect #${i + 1}`))
  for (const file of values['expect-file'] ?? []) {
    let text: string
    try {
      text = fs.readFileSync(path.resolve(invokedFrom, file), 'utf8')
    } catch {
      throw new UsageError(`--expect-file ${file}: cannot read it`)
    }
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() !== '' && !line.trim().startsWith('#')) add(line, `${file} line ${i + 1}`)
    })
  }
  const p = values.practice
  if (p !== undefined && p !== 'global' && !isUuid(p)) throw new UsageError('--practice takes a practice id or "global"')
  return { checkpoint: values.checkpoint ?? false, expect, practiceId: p === undefined ? undefined : p === 'global' ? null : p.toLowerCase() }
}

function describeChain(r: ChainReport): string {
  const who = `practice ${r.practiceId ?? '(none)'}`
  const events = `${r.checked} ${r.checked === 1 ? 'event' : 'events'}`
  if (!r.ok) return `${who}: BROKEN${r.firstBrokenId ? ` at event ${r.firstBrokenId}` : ''}: ${r.problem}`
  const notes = [
    r.checkpointAt ? `matches its signed checkpoint of ${r.checkpointAt}` : 'no signed checkpoint yet',
    ...(r.expectedChecked ? [`matches ${r.expectedChecked} expected line${r.expectedChecked === 1 ? '' : 's'}`] : []),
  ]
  return `${who}: ${events}, chain intact (${notes.join('; ')})`
}

async function writeAndPrint(reports: ChainReport[], only: string | null | undefined): Promise<number> {
  const run = await writeCheckpoints({ minAgeMs: 0, practiceId: only })
  let failed = 0
  for (const s of run.skipped.filter((s) => s.reason !== 'UNCHANGED')) {
    console.error(`practice ${s.practiceId ?? '(none)'}: no checkpoint written (${s.reason})`)
    failed++
  }
  for (const r of reports) {
    const cp = await latestCheckpoint(r.practiceId)
    if (cp) console.log(checkpointLine(cp))
  }
  return failed > 0 ? 1 : 0
}

async function main(argv: string[]): Promise<number> {
  requireConfig()
  let opts: Options
  try {
    opts = parseOptions(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    console.error(`audit verify: ${e.message}\n${USAGE}`)
    return 2
  }
  // With --checkpoint, stdout carries only the lines to keep, so it can be appended to a file.
  const info = opts.checkpoint ? console.error : console.log
  try {
    const reports = await verifyAuditChains({ practiceId: opts.practiceId, expect: opts.expect })
    if (reports.length === 0) info('audit verify: no audit events yet')
    for (const r of reports) (r.ok ? info : console.error)(describeChain(r))
    const broken = reports.filter((r) => !r.ok).length
    if (broken > 0) {
      console.error(`audit verify: ${broken} of ${reports.length} chains BROKEN${opts.checkpoint ? '; no checkpoint written' : ''}`)
      return 1
    }
    return opts.checkpoint ? await writeAndPrint(reports, opts.practiceId) : 0
  } catch (e) {
    if (e instanceof DatabaseInUseError) {
      console.error(`audit verify: ${e.message}\nStop the app (or run against PostgreSQL) to verify the embedded database.`)
    } else {
      const err = e as { name?: string; code?: string }
      console.error(`audit verify failed: ${err?.name ?? 'Error'}${err?.code ? ` (${err.code})` : ''}`)
    }
    return 1
  } finally {
    await closeDatabase()
  }
}

process.exitCode = await main(process.argv.slice(2))
