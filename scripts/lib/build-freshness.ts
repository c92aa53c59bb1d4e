// Whether the production build in .next is current: `.next/BUILD_ID` (written at the end of a
// successful `next build`) is newer than every input of the build. npm test uses it so that CI,
// which runs the README's literal `npm run build` in the deployment smoke test first, builds once;
// a developer who changed a file since the last build still gets a fresh one.
// The build reads no configuration from the environment (no NEXT_PUBLIC_* variables, nothing in
// next.config.js), so a build made with the README's production env file serves the browser tests too.
import fs from 'node:fs'
import path from 'node:path'

/** Folders and files whose contents go into the build (relative to the project root). */
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'prisma/schema.prisma',
]

function newestMtimeMs(p: string): number {
  let stat: fs.Stats
  try {
    stat = fs.statSync(p)
  } catch {
    return 0 // an input that does not exist (e.g. no public/ folder) cannot be newer
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs // a deleted or renamed file changes its folder's mtime
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtimeMs(path.join(p, entry)))
  return newest
}

/** Returns why a build is needed, or null when .next holds a build newer than all its inputs. */
export function staleBuildReason(root: string): string | null {
  let built: number
  try {
    built = fs.statSync(path.join(root, '.next', 'BUILD_ID')).mtimeMs
  } catch {
    return 'no production build yet'
  }
  for (const input of BUILD_INPUTS) {
    if (newestMtimeMs(path.join(root, input)) > built) return `${input} changed since the last build`
  }
  return null
}
