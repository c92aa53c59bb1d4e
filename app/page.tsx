import { redirect } from 'next/navigation'
import { requireUser } from '@/lib/auth/session'
import { isClinician } from '@/lib/auth/actor'

/** Clinicians land on 'Needs attention'; an admin who holds no caseload lands on the admin page. */
export default async function Home() {
  const user = await requireUser()
  redirect(isClinician(user) ? '/attention' : '/admin')
}
