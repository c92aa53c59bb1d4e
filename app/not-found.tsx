import Link from 'next/link'

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center gap-4 px-4 py-10">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-stone-700">
        We could not find that page or record. It may have been moved, or you may not have access to it.
      </p>
      <p>
        <Link href="/" className="font-medium text-accent-700 underline underline-offset-4">
          Go to your start page
        </Link>
      </p>
    </main>
  )
}
