'use client'
import { useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/** False during server render and before hydration; true once React has attached handlers. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}
