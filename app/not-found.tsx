import Link from 'next/link'
import { connection } from 'next/server'

// Shared by staff pages and client check-in links, so the wording suits both.
export default async function NotFound() {
  // Rendered per request, so it carries the request's CSP nonce (a static page's scripts would be blocked).
  await connection()
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center gap-4 px-4 py-10">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-stone-700">We could not find that page or record. It may have been moved, or you may not have access to it.</p>
      <p className="text-stone-700">If you followed a check-in link from your clinician, please check it was copied in full, or ask them for a new one.</p>
      <p>
        <Link href="/" className="font-medium text-accent-700 underline underline-offset-4">
          Staff sign-in
        </Link>
      </p>
    </main>
  )
}
