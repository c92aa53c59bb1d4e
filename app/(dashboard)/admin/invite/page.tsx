import type { Metadata } from 'next'
import { requireRole } from '@/lib/auth/session'
import { AdminNav } from '@/components/admin/admin-nav'
import { InviteForm } from '@/components/admin/invite-form'
import { inviteUserAction } from '../actions'

export const metadata: Metadata = { title: 'Invite someone' }

export default async function InvitePage() {
  await requireRole('ADMIN')
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">Practice admin</h1>
        <AdminNav />
      </div>
      <div>
        <h2 className="text-xl font-semibold">Invite someone</h2>
        <p className="text-stone-600">Create an account for a colleague. They set their password from the link.</p>
      </div>
      <InviteForm action={inviteUserAction} />
    </div>
  )
}
