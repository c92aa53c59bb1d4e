'use server'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { readSessionId } from '@/lib/auth/session'
import { sessionCookieName } from '@/lib/auth/options'
import { revokeSession } from '@/lib/db/sessions'

/** Ends the server-side session first (so a copied cookie is useless), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  const sid = await readSessionId()
  if (sid) await revokeSession(sid, 'signed-out')
  const jar = await cookies()
  jar.delete(sessionCookieName())
  redirect('/login?reason=signed-out')
}
