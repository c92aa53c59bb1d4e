'use client'
import { useEffect } from 'react'

/**
 * "Client added.", shown once after the Add client form. The form's redirect carries ?created=1;
 * once the page is showing, the parameter leaves the address (nothing is fetched again), so a
 * reload or a bookmark does not say it again. The message stays on screen until then.
 */
export function CreatedNotice() {
  useEffect(() => {
    const url = new URL(window.location.href)
    if (!url.searchParams.has('created')) return
    url.searchParams.delete('created')
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
  }, [])
  return (
    <p role="status" className="rounded-md bg-accent-50 px-3 py-2 text-accent-800">
      Client added.
    </p>
  )
}
