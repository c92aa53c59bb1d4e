// CSV export of a client's scores: one row per response per score. Pure (no I/O).
// RFC 4180 quoting, CRLF line ends, and a guard against formula injection in spreadsheets.
import { getInstrument } from './registry'
import { readScores, toPoints, type SeriesRow } from './series'

export const SCORES_CSV_HEADER = [
  'response_id',
  'submitted_at',
  'instrument',
  'instrument_version',
  'scoring_version',
  'score',
  'value',
  'band',
  'quadrant',
  'change_vs_baseline',
  'relationship',
] as const

export interface CsvResponseRow extends SeriesRow {
  instrumentVersion: string
  scoringVersion: string
}

// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection");
// tab and carriage return are included because some applications strip them first.
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: text that could start a formula is prefixed with a single quote, then RFC 4180 quoting. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  // Numbers we format ourselves are data, never a formula.
  let text = typeof value === 'number' ? String(value) : value
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',')
}

/**
 * The export file. Rows oldest first; change against the baseline of the current episode
 * (empty for the baseline itself and for answers before the episode). Timestamps ISO 8601 UTC.
 */
export function buildScoresCsv(rows: readonly CsvResponseRow[], episodeFrom: Date): string {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const lines = [csvLine(SCORES_CSV_HEADER)]
  for (const point of toPoints(rows, episodeFrom)) {
    const row = byId.get(point.responseId)
    if (!row) continue
    const scores = readScores(point.instrumentId, row.scores)
    for (const def of getInstrument(point.instrumentId).scores) {
      const value = scores[def.key]
      if (value === undefined) continue
      lines.push(
        csvLine([
          row.id,
          point.date,
          point.instrumentId,
          row.instrumentVersion,
          row.scoringVersion,
          def.key,
          value,
          // The band belongs to the banded score (the total); subscales carry none.
          def.bands ? point.band : null,
          point.quadrant,
          point.categories[def.key] ?? null,
          row.relationshipTarget,
        ]),
      )
    }
  }
  return `${lines.join('\r\n')}\r\n`
}
