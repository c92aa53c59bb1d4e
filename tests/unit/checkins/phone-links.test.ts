import { itemAt } from '../../fixtures/item-at'
import { describe, expect, it } from 'vitest'
import { crisisLines, phoneSegments, type PhoneSegment } from '@/lib/checkins/phone-links'

const links = (line: string) => phoneSegments(line).filter((s) => s.kind !== 'text')
/** The line with each link written as [text](href): what a reader sees and where a tap goes. */
const shown = (segments: PhoneSegment[]) => segments.map((s) => (s.kind === 'text' ? s.text : `[${s.text}](${s.href})`)).join('')

describe('phoneSegments: phone numbers in a crisis-resource line', () => {
  it('links the default crisis lines', () => {
    expect(shown(phoneSegments('If you are in danger right now, call 999 or go to your nearest A&E.'))).toBe(
      'If you are in danger right now, call [999](tel:999) or go to your nearest A&E.',
    )
    expect(shown(phoneSegments('Samaritans: call 116 123, free, any time of day or night.'))).toBe(
      'Samaritans: call [116 123](tel:116123), free, any time of day or night.',
    )
    // The service's name is not a link; the number to call is. "option 2" is not a number to call.
    expect(shown(phoneSegments('NHS 111: call 111 and choose option 2 for urgent mental health support.'))).toBe(
      'NHS 111: call [111](tel:111) and choose option 2 for urgent mental health support.',
    )
    expect(shown(phoneSegments('Shout: text SHOUT to 85258 for free, confidential support by text, any time.'))).toBe(
      'Shout: text SHOUT to [85258](sms:85258?body=SHOUT) for free, confidential support by text, any time.',
    )
  })

  it('links a long number without a lead-in word', () => {
    expect(links('Samaritans: 116 123')).toEqual([{ kind: 'tel', text: '116 123', href: 'tel:116123' }])
    expect(links('CALM 0800 58 58 58 (5 pm to midnight)')).toEqual([{ kind: 'tel', text: '0800 58 58 58', href: 'tel:0800585858' }])
    expect(links('Mind infoline 0300-123-3393.')).toEqual([{ kind: 'tel', text: '0300-123-3393', href: 'tel:03001233393' }])
    expect(links('(0800) 123 4567')).toEqual([{ kind: 'tel', text: '(0800) 123 4567', href: 'tel:08001234567' }])
  })

  it('keeps the + of an international number and drops a bracketed trunk 0', () => {
    expect(links('From abroad: +44 (0)20 7946 0000')).toEqual([{ kind: 'tel', text: '+44 (0)20 7946 0000', href: 'tel:+442079460000' }])
    expect(links('Lifeline Australia 13 11 14')).toEqual([{ kind: 'tel', text: '13 11 14', href: 'tel:131114' }])
  })

  it('links short numbers only after a word that says to call or text', () => {
    expect(links('Call 988')).toEqual([{ kind: 'tel', text: '988', href: 'tel:988' }])
    expect(links('US: call or text 988')).toEqual([{ kind: 'tel', text: '988', href: 'tel:988' }])
    expect(links('Ring 111')).toEqual([{ kind: 'tel', text: '111', href: 'tel:111' }])
    expect(links('Phone: 999')).toEqual([{ kind: 'tel', text: '999', href: 'tel:999' }])
    expect(links('Samaritans on 116 123')).toEqual([{ kind: 'tel', text: '116 123', href: 'tel:116123' }])
    expect(links('Text 85258')).toEqual([{ kind: 'sms', text: '85258', href: 'sms:85258' }])
    expect(links('NHS 111 is open all year')).toEqual([])
    expect(links('Open since 2024, 365 days a year')).toEqual([])
  })

  it('leaves times, fractions, durations and small numbers alone', () => {
    expect(links('Open 24/7, 8:30 to 17:00, option 2, 3 minutes')).toEqual([])
    expect(links('Open 10.30 to 22.00')).toEqual([])
    expect(links('Samaritans 116 123 24 hours a day')).toEqual([{ kind: 'tel', text: '116 123', href: 'tel:116123' }])
    expect(links('Samaritans 116 123 24/7')).toEqual([{ kind: 'tel', text: '116 123', href: 'tel:116123' }])
  })

  it('leaves a line without numbers as one text segment, unchanged', () => {
    expect(phoneSegments('Your practice does not see your answers as you send them.')).toEqual([
      { kind: 'text', text: 'Your practice does not see your answers as you send them.' },
    ])
    expect(phoneSegments('')).toEqual([{ kind: 'text', text: '' }])
  })

  it('never changes the text: the segments put back together are the line', () => {
    const lines = [
      'If you are in danger right now, call 999 or go to your nearest A&E.',
      'Shout: text SHOUT to 85258 for free.',
      '<b>Call</b> 0800 11 11 <script>alert(1)</script> & 999',
      'Two lines: 0300 123 3393 or 0800 58 58 58.',
    ]
    for (const line of lines)
      expect(
        phoneSegments(line)
          .map((s) => s.text)
          .join(''),
      ).toBe(line)
    // Markup in a line is text like any other: the parser only splits, and the href is digits.
    const odd = phoneSegments(itemAt(lines, 2))
    expect(odd.filter((s) => s.kind === 'tel').map((s) => s.kind !== 'text' && s.href)).toEqual(['tel:08001111'])
  })

  it('finds several numbers in one line', () => {
    expect(links('Call 0300 123 3393 or text 85258')).toEqual([
      { kind: 'tel', text: '0300 123 3393', href: 'tel:03001233393' },
      { kind: 'sms', text: '85258', href: 'sms:85258' },
    ])
  })

  it('ignores digit runs too long to be a phone number', () => {
    expect(links('Reference 1234567890123456789')).toEqual([])
  })
})

describe('crisisLines', () => {
  it('splits lines, trims them and drops blank ones', () => {
    expect(crisisLines('  Samaritans: 116 123  \n\n\r\nTalk to someone you trust.\n')).toEqual([
      [
        { kind: 'text', text: 'Samaritans: ' },
        { kind: 'tel', text: '116 123', href: 'tel:116123' },
      ],
      [{ kind: 'text', text: 'Talk to someone you trust.' }],
    ])
  })
})
