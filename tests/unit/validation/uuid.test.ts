import { describe, expect, it } from 'vitest'
import { isUuid, uuidSchema } from '../../../lib/validation/uuid'

const wellFormed = ['0d3e5c1a-7b2f-4c59-9a51-5ecb0a5eb001', '00000000-0000-0000-0000-000000000001', 'ABCDEF01-2345-6789-ABCD-EF0123456789']
// The looser copies this replaced (/^[0-9a-f-]{36}$/i) let the first three through to the database.
const malformed = [
  '-'.repeat(36),
  '0d3e5c1a7b2f-4c59-9a51-5ecb0a5eb001-',
  '0d3e5c1a-7b2f-4c59-9a51-5ecb0a5eb0-1',
  'not-a-uuid',
  '',
  ' 0d3e5c1a-7b2f-4c59-9a51-5ecb0a5eb001',
  '0d3e5c1a-7b2f-4c59-9a51-5ecb0a5eb00g',
  '{0d3e5c1a-7b2f-4c59-9a51-5ecb0a5eb001}',
]

describe('isUuid', () => {
  it.each(wellFormed)('accepts %s (any version, either case)', (v) => {
    expect(isUuid(v)).toBe(true)
    expect(uuidSchema().safeParse(v).success).toBe(true)
  })

  it.each(malformed)('refuses %j', (v) => {
    expect(isUuid(v)).toBe(false)
    expect(uuidSchema().safeParse(v).success).toBe(false)
  })

  it('refuses anything that is not a string', () => {
    for (const v of [null, undefined, 42, {}, ['0d3e5c1a-7b2f-4c59-9a51-5ecb0a5eb001']]) expect(isUuid(v)).toBe(false)
  })

  it('carries the message a form shows', () => {
    const r = uuidSchema('Choose from the list.').safeParse('x')
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toBe('Choose from the list.')
  })
})
