// Plain module (not 'use client'), so server components get the class names too.
const base =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 py-2 text-base font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60'

export const buttonStyles = {
  primary: `${base} bg-accent-700 text-white hover:bg-accent-800`,
  secondary: `${base} border border-stone-300 bg-white text-stone-900 hover:bg-stone-100`,
  danger: `${base} bg-red-700 text-white hover:bg-red-800`,
}
