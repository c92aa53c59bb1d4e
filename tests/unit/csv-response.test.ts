import { describe, expect, it } from 'vitest'
import { csvResponse } from '../../lib/http/csv-response'

describe('csvResponse', () => {
  it('sends the CSV as an uncached download that is never sniffed', async () => {
    const r = csvResponse('scores-2026-03-01.csv', 'a,b\r\n1,2\r\n')
    expect(r.status).toBe(200)
    expect(Object.fromEntries(r.headers)).toEqual({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="scores-2026-03-01.csv"',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    expect(await r.text()).toBe('a,b\r\n1,2\r\n')
  })

  it('keeps a file name from breaking out of its header', () => {
    const r = csvResponse('a"; filename=evil.html\r\nX: y.csv', '')
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="a___filename_evil.html__X__y.csv"')
  })
})
