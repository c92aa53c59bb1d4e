import { describe, expect, it } from 'vitest'
import { buildScoresCsv, csvCell, csvLine, SCORES_CSV_HEADER, type CsvResponseRow } from '../../../lib/assessments/csv'
import { seriesRow } from './helpers'

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
  ])('quotes %j per RFC 4180', (input, output) => expect(csvCell(input)).toBe(output))

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['=1,2', `"'=1,2"`],
  ])('neutralises the formula %j', (input, output) => expect(csvCell(input)).toBe(output))

  it('leaves numbers, null and undefined alone', () => {
    expect(csvCell(4.78)).toBe('4.78')
    expect(csvCell(0)).toBe('0')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('joins cells into a line', () => expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"'))
})

/** A series row (tests/unit/assessments/helpers.ts) with this test's id and the versions a CSV row carries. */
function row(id: string, instrumentId: string, iso: string, scores: unknown, extra: Partial<CsvResponseRow> = {}): CsvResponseRow {
  return {
    ...seriesRow(instrumentId, iso, scores),
    id,
    instrumentVersion: `${instrumentId}/v@1`,
    scoringVersion: `${instrumentId}-scoring@1`,
    ...extra,
  }
}

describe('buildScoresCsv', () => {
  const episodeFrom = new Date('2026-01-01T00:00:00Z')
  const rows = [
    row('r3', 'phq9', '2026-03-01T10:15:00Z', { total: 9 }, { band: 'mild' }),
    row('r1', 'phq9', '2025-12-01T10:00:00Z', { total: 21 }, { band: 'severe' }),
    row('r2', 'phq9', '2026-01-10T08:00:00+01:00', { total: 16 }, { band: 'moderately severe' }),
    row('r4', 'ecr-rs', '2026-03-02T09:00:00Z', { anxiety: 5.67, avoidance: 5.5 }, { quadrant: 'fearful', relationshipTarget: '=cmd|" /C calc"!A0' }),
  ]
  const csv = buildScoresCsv(rows, episodeFrom)
  const lines = csv.split('\r\n')

  it('starts with the header and ends with CRLF', () => {
    expect(lines[0]).toBe(SCORES_CSV_HEADER.join(','))
    expect(lines[0]).toBe('response_id,submitted_at,instrument,instrument_version,scoring_version,score,value,band,quadrant,change_vs_baseline,relationship')
    expect(csv.endsWith('\r\n')).toBe(true)
  })

  it('writes one row per response per score, oldest first, with ISO 8601 UTC timestamps', () => {
    expect(lines.slice(1, 4)).toEqual([
      'r1,2025-12-01T10:00:00.000Z,phq9,phq9/v@1,phq9-scoring@1,total,21,severe,,,',
      'r2,2026-01-10T07:00:00.000Z,phq9,phq9/v@1,phq9-scoring@1,total,16,moderately severe,,,',
      'r3,2026-03-01T10:15:00.000Z,phq9,phq9/v@1,phq9-scoring@1,total,9,mild,,recovered,',
    ])
    expect(lines.filter((l) => l.startsWith('r4,'))).toHaveLength(2)
    expect(lines).toHaveLength(1 + 5 + 1) // header, 5 score rows, trailing empty
  })

  it('guards and quotes free text such as the relationship target', () => {
    const anxiety = lines.find((l) => l.startsWith('r4,') && l.includes(',anxiety,'))
    expect(anxiety).toBe(`r4,2026-03-02T09:00:00.000Z,ecr-rs,ecr-rs/v@1,ecr-rs-scoring@1,anxiety,5.67,,fearful,,"'=cmd|"" /C calc""!A0"`)
  })

  it('is just the header without answers', () => {
    expect(buildScoresCsv([], episodeFrom)).toBe(`${SCORES_CSV_HEADER.join(',')}\r\n`)
  })
})
