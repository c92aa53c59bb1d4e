import { describe, expect, it } from 'vitest'
import { clientInput } from '../../../lib/validation/client'
import { fieldErrors } from '../../../lib/actions/result'
import { formatDate } from '../../../lib/format'

const ok = { firstName: ' Rowan ', lastName: 'Avery', dateOfBirth: '1990-04-23' }

describe('client form validation', () => {
  it('trims names, lower-cases email, turns empty optional fields into null', () => {
    const v = clientInput.parse({ ...ok, email: ' Rowan@Example.COM ', phone: '', preferredName: '' })
    expect(v).toMatchObject({ firstName: 'Rowan', email: 'rowan@example.com', phone: null, preferredName: null })
    expect(v.dateOfBirth.toISOString()).toBe('1990-04-23T00:00:00.000Z')
  })

  it('explains each problem in words next to its field', () => {
    const r = clientInput.safeParse({ firstName: '', lastName: ' ', dateOfBirth: '2031-02-30', email: 'nope', phone: 'call me' })
    expect(r.success).toBe(false)
    expect(fieldErrors(r.error!)).toEqual({
      firstName: "Enter the client's first name.",
      lastName: "Enter the client's last name.",
      dateOfBirth: 'Enter a real date, for example 1990-04-23.',
      email: 'Enter an email address like name@example.com.',
      phone: 'Enter a phone number using digits, spaces, + ( ) or -.',
    })
  })

  it('refuses future births, implausible ages and future episodes', () => {
    expect(fieldErrors(clientInput.safeParse({ ...ok, dateOfBirth: '2999-01-01' }).error!).dateOfBirth).toBe('Date of birth must be in the past.')
    expect(fieldErrors(clientInput.safeParse({ ...ok, dateOfBirth: '1850-01-01' }).error!).dateOfBirth).toMatch(/120 years/)
    expect(fieldErrors(clientInput.safeParse({ ...ok, episodeStart: '2999-01-01' }).error!).episodeStart).toMatch(/future/)
  })

  it('rejects fields the form does not have (no mass assignment)', () => {
    const r = clientInput.safeParse({ ...ok, practiceId: 'other-practice' })
    expect(r.success).toBe(false)
  })
})

describe('request helpers', () => {
  it('writes dates out in the practice time zone', () => {
    expect(formatDate('2026-03-12T23:30:00Z', 'Europe/London')).toBe('12 Mar 2026')
    expect(formatDate('2026-03-12T23:30:00Z', 'Asia/Tokyo')).toBe('13 Mar 2026')
  })
})
