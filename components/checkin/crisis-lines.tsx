import { crisisLines } from '@/lib/checkins/phone-links'

/**
 * The practice's crisis resources, one per line, with each phone number a tap-to-call (or
 * tap-to-text) link of at least 44 px. Text and links are React children: nothing is HTML.
 */
export function CrisisLines({ text }: { text: string }) {
  return (
    <ul className="mt-3 flex flex-col gap-2">
      {crisisLines(text).map((segments, i) => (
        <li key={i} className="leading-relaxed">
          {segments.map((s, j) =>
            s.kind === 'text' ? (
              s.text
            ) : (
              <a
                key={j}
                href={s.href}
                className="inline-flex min-h-11 items-center whitespace-nowrap rounded px-0.5 align-middle font-semibold text-accent-800 underline underline-offset-4 hover:bg-accent-100"
              >
                {s.text}
              </a>
            ),
          )}
        </li>
      ))}
    </ul>
  )
}
