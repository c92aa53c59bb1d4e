/**
 * The client address for throttling. Only the right-most X-Forwarded-For hop is used: it is the
 * one appended by our own proxy (or by Next itself), the left ones are whatever the client sent.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers): string {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined
    const v = headers[name]
    return Array.isArray(v) ? v[v.length - 1] : v
  }
  const xff = get('x-forwarded-for')
  const last = xff?.split(',').map((s) => s.trim()).filter(Boolean).pop()
  return (last ?? get('x-real-ip') ?? 'unknown').slice(0, 64)
}
