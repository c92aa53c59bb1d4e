// Every version of a note, oldest first, with who wrote and signed it and when. Each links to
// its own read-only view (?revision=N).
import Link from 'next/link'
import { formatDateTime } from '@/lib/format'

export interface VersionItem {
  revision: number
  status: 'DRAFT' | 'SIGNED'
  author: string
  createdAt: string
  signedAt: string | null
  signedBy: string | null
}

export function VersionHistory({
  versions,
  current,
  baseHref,
  timeZone = 'UTC',
}: {
  versions: VersionItem[]
  current: number
  /** The note's page; a revision is shown at `${baseHref}?revision=N`. */
  baseHref: string
  timeZone?: string
}) {
  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-2">
      <h2 id="history-heading" className="text-lg font-semibold">
        Version history
      </h2>
      <ol className="flex flex-col gap-2">
        {versions.map((v) => {
          const label = v.revision === 1 ? 'Original' : `Amendment ${v.revision - 1}`
          const detail =
            v.status === 'SIGNED'
              ? `Signed by ${v.signedBy ?? v.author} on ${formatDateTime(v.signedAt ?? v.createdAt, timeZone)}`
              : `Draft by ${v.author}, started ${formatDateTime(v.createdAt, timeZone)} (not signed)`
          return (
            <li key={v.revision} className="rounded-md border border-stone-200 p-3">
              {v.revision === current ? (
                <p aria-current="page" className="font-medium">
                  Version {v.revision}: {label} (shown)
                </p>
              ) : (
                <Link href={`${baseHref}?revision=${v.revision}`} className="font-medium text-accent-700 underline underline-offset-4">
                  Version {v.revision}: {label}
                </Link>
              )}
              <p className="text-sm text-stone-700">{detail}</p>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
