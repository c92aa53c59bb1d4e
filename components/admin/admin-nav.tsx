'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'

const links = [
  { href: '/admin', label: 'Accounts' },
  { href: '/admin/invite', label: 'Invite' },
  { href: '/admin/transfer', label: 'Transfer clients' },
  { href: '/admin/settings', label: 'Settings' },
  { href: '/admin/audit', label: 'Audit trail' },
] as const

/** The practice admin's sub-navigation; the current page is marked for screen readers too. */
export function AdminNav() {
  // Typed nullable since the app has a Pages Router page too (pages/c/[token].tsx); never null here.
  const pathname = usePathname() ?? ''
  return (
    <nav aria-label="Practice admin" className="no-print">
      {/* Wraps onto a second line on a phone: every page stays in sight, nothing scrolls sideways. */}
      <ul className="flex flex-wrap gap-x-1 border-b border-stone-200">
        {links.map((l) => {
          const current = l.href === '/admin' ? pathname === '/admin' : pathname === l.href || pathname.startsWith(`${l.href}/`)
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={current ? 'page' : undefined}
                className={`-mb-px inline-flex min-h-11 items-center border-b-2 px-3 py-2 ${
                  current ? 'border-accent-700 font-semibold text-accent-800' : 'border-transparent text-stone-700 hover:border-stone-300 hover:text-stone-900'
                }`}
              >
                {l.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
