'use client'
import { useEffect } from 'react'

/** Marks the page as interactive, so forms can enable submit and tests can wait for it. */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return null
}
