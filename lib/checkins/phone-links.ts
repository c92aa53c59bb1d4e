// Phone numbers in the practice's crisis-resource lines, found so the check-in page can make them
// tap-to-call (tel:) or tap-to-text (sms:) links. Pure: text in, segments out. The page renders
// the segments as React text and <a> elements; nothing here is ever HTML.
//
// What counts as a number:
// - 6 or more digits (spaces, hyphens, dots and brackets between groups; an optional leading +):
//   "116 123", "0800 58 58 58", "+44 (0)20 7946 0000". Always a number.
// - 3 to 5 digits ("999", "111", "85258"): only right after a word that says to call or text
//   ("call 999", "text SHOUT to 85258", "phone: 111"), so "NHS 111", "open 2024" or "24/7" stay text.

export type PhoneSegment =
  | { kind: 'text'; text: string }
  /** `text` is the number as written; `href` is tel:… or sms:…, digits only. */
  | { kind: 'tel' | 'sms'; text: string; href: string }

const MIN_DIGITS = 3
const LONG_DIGITS = 6
const MAX_DIGITS = 15 // E.164

// A run of digit groups: optional "+", groups of digits (or a bracketed group) joined by one
// space, hyphen or dot. Not inside a word, a longer number, a fraction or a time ("24/7", "8:30").
// A group followed by "hours", "days", "am"… starts something else ("116 123 24 hours a day").
const NUMBER = /(?<![\w+/:.,-])\+?(?:\(\d+\)|\d+)(?:[ .-]?(?:\(\d+\)|\d+)(?!\s*(?:hours?|hrs?|days?|am|pm|a\.m|p\.m)\b))*(?![\w/]|[.,:]\d)/g

const CALL_BEFORE = /\b(?:call(?:\s+or\s+text)?|calling|phone|telephone|tel|ring|dial|freephone|helpline|on)\s*[:.]?\s*$/i
// "text SHOUT to 85258", "text 85258", "SMS: 85258". The keyword to send, when there is one.
const SMS_BEFORE = /\b(?:text|sms)(?:\s+([A-Za-z0-9]{1,20}))?\s+to\s*:?\s*$|\b(?:text|sms)\s*:?\s*$/i

function digitsOf(number: string): string {
  const international = number.startsWith('+')
  // "+44 (0)20 …": the bracketed trunk 0 is not dialled from abroad.
  const cleaned = international ? number.replace(/\(0\)/g, '') : number
  return (international ? '+' : '') + cleaned.replace(/\D/g, '')
}

/** Splits one line into text and phone-number segments. A line without numbers is one text segment. */
export function phoneSegments(line: string): PhoneSegment[] {
  const out: PhoneSegment[] = []
  let last = 0
  for (const m of line.matchAll(NUMBER)) {
    const raw = m[0]
    const start = m.index
    const digits = digitsOf(raw)
    const count = digits.replace('+', '').length
    if (count < MIN_DIGITS || count > MAX_DIGITS) continue
    // Only the same clause leads in ("…, call 999"): the text since the previous number or stop.
    const before = line.slice(last, start)
    const sms = SMS_BEFORE.exec(before)
    const call = CALL_BEFORE.test(before)
    if (count < LONG_DIGITS && !call && !sms) continue
    if (start > last) out.push({ kind: 'text', text: line.slice(last, start) })
    if (sms && !call) {
      const keyword = sms[1]
      out.push({ kind: 'sms', text: raw, href: `sms:${digits}${keyword ? `?body=${encodeURIComponent(keyword)}` : ''}` })
    } else {
      out.push({ kind: 'tel', text: raw, href: `tel:${digits}` })
    }
    last = start + raw.length
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) })
  return out.length > 0 ? out : [{ kind: 'text', text: line }]
}

/** The practice's crisis resources (one per line) as lines of segments; blank lines are dropped. */
export function crisisLines(text: string): PhoneSegment[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map(phoneSegments)
}
