import type { Metadata } from 'next'
import { requireRole } from '@/lib/auth/session'
import { getPracticeSettings } from '@/lib/db/admin-users'
import { AdminNav } from '@/components/admin/admin-nav'
import { SettingsForm } from '@/components/admin/settings-form'
import { updateSettingsAction } from '../actions'

export const metadata: Metadata = { title: 'Practice settings' }

export default async function SettingsPage() {
  const admin = await requireRole('ADMIN')
  const settings = await getPracticeSettings(admin)
  // The server's list, so the form offers exactly the zones the server accepts.
  const timeZones = ['UTC', ...Intl.supportedValuesOf('timeZone')]
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">Practice admin</h1>
        <AdminNav />
      </div>
      <div>
        <h2 className="text-xl font-semibold">Practice settings</h2>
        <p className="text-stone-600">Changes apply to everyone in the practice and are recorded in the audit trail.</p>
      </div>
      <SettingsForm initial={settings} timeZones={timeZones} action={updateSettingsAction} />
    </div>
  )
}
