import type { Metadata, Viewport } from 'next'
import './globals.css'
import { HydrationMarker } from '@/components/ui/hydration-marker'

export const metadata: Metadata = {
  title: { default: 'SecureBase', template: '%s · SecureBase' },
  description: 'Measurement-based care for attachment-focused therapy',
  robots: { index: false, follow: false },
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to main content
        </a>
        {children}
        <HydrationMarker />
      </body>
    </html>
  )
}
