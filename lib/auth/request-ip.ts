import { CLIENT_IP_HEADER, SERVER_MARK } from '@/lib/http/guards.mjs'

/**
 * The client's address, for throttling and the audit trail. It is decided once per request by the
 * production server (scripts/server.mjs), from the connection itself or, with TRUST_PROXY, from
 * that many trusted proxy hops; never from a header the client wrote. Under any other server (dev,
 * plain `next start`) the header could be forged, so the answer is 'unknown'.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers): string {
  if (!(globalThis as Record<symbol, unknown>)[SERVER_MARK]) return 'unknown'
  const raw = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER]
  const value = Array.isArray(raw) ? raw[0] : raw
  return (value || 'unknown').slice(0, 64)
}

/**
 * "From where" for the audit trail: the client's address (null when unknown) and the request id
 * the proxy gave this request (bounded, as it is stored).
 */
export function auditRequestContext(headers: Headers): { ip: string | null; requestId: string | null } {
  const ip = clientIp(headers)
  return { ip: ip === 'unknown' ? null : ip, requestId: headers.get('x-request-id')?.slice(0, 64) ?? null }
}
