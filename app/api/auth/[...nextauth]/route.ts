import NextAuth from 'next-auth'
import { getAuthOptions } from '@/lib/auth/options'

type Ctx = { params: Promise<{ nextauth: string[] }> }

// Options are built per call (lazily) so `next build` does not need runtime secrets.
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, getAuthOptions()) as Promise<Response>
}

export { handler as GET, handler as POST }
