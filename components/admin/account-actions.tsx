'use client'
import { useActionState, useMemo, useState, useTransition } from 'react'
import { changeRolesAction, deactivateUserAction, reactivateUserAction, resendInviteAction, resetPasswordAction } from '@/app/(dashboard)/admin/actions'
import { SubmitButton, buttonStyles } from '@/components/ui/button'
import { ConfirmAction } from '@/components/ui/confirm-action'
import { FormMessage } from '@/components/ui/field'
import { useHydrated } from '@/components/ui/use-hydrated'
import { idleState, type LinkActionState } from '@/lib/actions/result'
import { ROLES, roleLabel, type RoleCode } from '@/lib/validation/admin'
import { OneTimeLink } from './one-time-link'

export interface AccountActionsProps {
  userId: string
  name: string
  status: 'ACTIVE' | 'INVITED' | 'DEACTIVATED'
  roles: RoleCode[]
  isSelf: boolean
  activeClients: number
}

const roleHint: Record<RoleCode, string> = {
  CLINICIAN: 'has a caseload and sees their own clients',
  ADMIN: 'manages accounts, transfers and settings',
}

function RolesForm({ userId, roles, isSelf }: { userId: string; roles: RoleCode[]; isSelf: boolean }) {
  // Bound here, in the browser, rather than per row on the server: the page then carries one
  // reference to each action instead of one per account (the server checks the id again).
  const action = useMemo(() => changeRolesAction.bind(null, userId), [userId])
  const [state, formAction] = useActionState(action, idleState)
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium">Roles</legend>
        {ROLES.map((r) => (
          <label key={r} className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="roles" value={r} defaultChecked={roles.includes(r)} className="h-5 w-5" />
            <span>
              {roleLabel[r]} <span className="text-sm text-stone-600">({roleHint[r]})</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="text-sm text-stone-600">
        {isSelf ? 'Your other sessions will end.' : 'Saving signs them out, so the new roles apply from their next sign-in.'}
      </p>
      <div>
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          Save roles
        </SubmitButton>
      </div>
      <FormMessage status={state.status} message={state.message} />
    </form>
  )
}

/** What an admin can do with one account. Every action is checked again on the server. */
export function AccountActions(p: AccountActionsProps) {
  const [result, setResult] = useState<LinkActionState | null>(null)
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  return (
    <details className="group">
      <summary className="inline-flex min-h-11 cursor-pointer items-center rounded-md px-2 font-medium text-accent-800 underline-offset-4 hover:underline">
        Manage<span className="sr-only"> {p.name}</span>
      </summary>
      <div className="mt-2 flex w-72 max-w-[80vw] flex-col gap-4 rounded-md border border-stone-200 bg-stone-50 p-3">
        {p.status !== 'DEACTIVATED' ? <RolesForm userId={p.userId} roles={p.roles} isSelf={p.isSelf} /> : null}
        <div className="flex flex-col gap-2">
          {p.status === 'INVITED' ? (
            <button
              type="button"
              className={buttonStyles.secondary}
              disabled={!hydrated || pending}
              onClick={() => start(async () => setResult(await resendInviteAction(p.userId)))}
            >
              {pending ? 'Working…' : 'Send a new invitation'}
            </button>
          ) : null}
          {p.status === 'ACTIVE' ? (
            <ConfirmAction
              label="Reset password"
              confirmLabel="Make a reset link"
              explanation="They get a link, valid for one hour, to choose a new password. Setting it signs them out everywhere. Their current password works until then."
              action={() => resetPasswordAction(p.userId)}
              onDone={setResult}
            />
          ) : null}
          {p.status === 'DEACTIVATED' ? (
            <ConfirmAction
              label="Reactivate"
              confirmLabel="Reactivate account"
              explanation="They will be able to sign in again with their password."
              action={() => reactivateUserAction(p.userId)}
              onDone={setResult}
            />
          ) : (
            <ConfirmAction
              label={p.isSelf ? 'Deactivate my account' : 'Deactivate'}
              confirmLabel="Deactivate account"
              explanation={`They will be signed out at once and cannot sign in until reactivated.${
                p.activeClients > 0
                  ? ` Their ${p.activeClients} active client${p.activeClients === 1 ? '' : 's'} stay assigned to them until you transfer them.`
                  : ''
              }${p.isSelf ? ' This is your own account: you will be signed out now.' : ''}`}
              action={() => deactivateUserAction(p.userId)}
              onDone={setResult}
              variant="danger"
            />
          )}
        </div>
        {result ? <FormMessage status={result.status} message={result.message} /> : null}
        {result?.url ? <OneTimeLink url={result.url} label={`Link for ${p.name}`} /> : null}
      </div>
    </details>
  )
}
