// Signs of movement toward security a clinician may tick in a session note (CLINICAL-FRAME.md).
// Pure. Keys are stored in SessionNote.signs, so never rename one: add new keys instead.

export const SIGN_GROUPS = [
  {
    key: 'behaviour',
    label: 'Behaviour',
    signs: [
      { key: 'communicates-openly', label: 'Communicates more openly' },
      { key: 'less-reactive', label: 'Less reactive to small things' },
      { key: 'sets-boundaries', label: 'Sets boundaries' },
      { key: 'gives-receives-support', label: 'Gives and receives support' },
    ],
  },
  {
    key: 'emotion',
    label: 'Emotion',
    signs: [
      { key: 'less-relationship-anxiety', label: 'Less relationship anxiety' },
      { key: 'more-trust', label: 'More trust' },
      { key: 'steadier-moods', label: 'Steadier moods' },
      { key: 'more-self-worth', label: 'More self-worth' },
    ],
  },
  {
    key: 'thinking',
    label: 'Thinking',
    signs: [
      { key: 'challenges-old-beliefs', label: 'Challenges old beliefs' },
      { key: 'less-all-or-nothing', label: 'Less all-or-nothing thinking' },
      { key: 'less-catastrophising', label: 'Less catastrophising' },
      { key: 'realistic-optimism', label: 'Realistic optimism' },
    ],
  },
  {
    key: 'relationships',
    label: 'Relationships',
    signs: [
      { key: 'healthier-partners', label: 'Chooses healthier partners' },
      { key: 'conflict-manageable', label: 'Conflict feels manageable' },
      { key: 'intimacy-comfortable', label: 'Intimacy feels comfortable' },
    ],
  },
] as const

export type SignKey = (typeof SIGN_GROUPS)[number]['signs'][number]['key']

export const SIGN_KEYS: readonly SignKey[] = SIGN_GROUPS.flatMap((g) => g.signs.map((s) => s.key))

const labels = new Map<string, string>(SIGN_GROUPS.flatMap((g) => g.signs.map((s) => [s.key, s.label] as const)))

export function isSignKey(value: unknown): value is SignKey {
  return typeof value === 'string' && labels.has(value)
}

/** The label of a sign; a key no longer in the checklist is shown as it was stored. */
export function signLabel(key: string): string {
  return labels.get(key) ?? key
}

/** Keys in checklist order, without duplicates. */
export function sortSigns(keys: readonly string[]): string[] {
  const set = new Set(keys)
  const known = SIGN_KEYS.filter((k) => set.has(k))
  return [...known, ...[...set].filter((k) => !labels.has(k))]
}

/** Ticked signs grouped for display: only groups with at least one ticked sign. */
export function groupSigns(keys: readonly string[]): { key: string; label: string; signs: { key: string; label: string }[] }[] {
  const set = new Set(keys)
  return SIGN_GROUPS.map((g) => ({ key: g.key, label: g.label, signs: g.signs.filter((s) => set.has(s.key)).map((s) => ({ ...s })) })).filter(
    (g) => g.signs.length > 0,
  )
}
