// Link-as-button styles for the audit log's server components (the same strings
// as components/ui/button.tsx, which is a 'use client' module and cannot lend its exports here).
const base = 'inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 py-2 text-base font-medium transition-colors'

export const linkButton = {
  primary: `${base} bg-accent-700 text-white hover:bg-accent-800`,
  secondary: `${base} border border-stone-300 bg-white text-stone-900 hover:bg-stone-100`,
}
