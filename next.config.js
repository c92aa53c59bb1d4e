// @ts-check
/**
 * Security headers that do not depend on the request, on every response including static files.
 * proxy.ts adds the per-request ones (CSP with a nonce, Cache-Control: no-store, HSTS in
 * production) to everything but /_next/static; lib/security/headers.ts builds those.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
]

import { BODY_LIMIT_BYTES } from './lib/http/guards.mjs'

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The largest form, and no more (lib/http/guards.mjs); the server refuses larger bodies with 413.
  experimental: { serverActions: { bodySizeLimit: BODY_LIMIT_BYTES } },
  reactStrictMode: true,
  // `next build` does not type-check: `npm run typecheck` (tsc --noEmit, the same check) runs in CI
  // (.ci/run) before any build. On these 2-core machines the build's own tsc pass was about half of
  // the build, and it ran again on every first `npm start` and every `npm test` that builds.
  typescript: { ignoreBuildErrors: true },
  // Native or wasm packages that must be loaded by Node, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@node-rs/argon2', 'pg', 'nodemailer'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Check-in pages carry a capability token in the path: never send it on as a referrer,
      // never cache the page.
      {
        source: '/c/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'Cache-Control', value: 'no-store, max-age=0' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
        ],
      },
    ]
  },
}

export default nextConfig
