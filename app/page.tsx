import { redirect } from 'next/navigation'
import { requireUser } from '@/lib/auth/session'
import { isClinician } from '@/lib/auth/actor'

/** Clinicians land on their caseload; an admin who does not see clients lands on accounts. */
export default async function Home() {
  const user = await requireUser()
  redirect(isClinician(user) ? '/clients' : '/admin')
}
