import { db } from '@/lib/db/client'

export const dynamic = 'force-dynamic'

/** Liveness and database reachability for load balancers and the start script. No data returned. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch {
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
