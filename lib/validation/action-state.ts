// The shape every form action returns: a message, per-field errors, and what the user typed
// (so a rejected form is shown again with their input, not emptied).
export interface ActionState {
  status: 'idle' | 'error' | 'success'
  message?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
}

export const idleState: ActionState = { status: 'idle' }

export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !k.startsWith('$')) out[k] = v
  return out
}
