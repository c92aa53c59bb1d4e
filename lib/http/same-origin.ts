// CSRF check for the check-in's own POST endpoints outside Next's server actions (the page's
// form, pages/c/[token].tsx, and its draft route). Fetch metadata first: browsers set
// Sec-Fetch-Site themselves and a page cannot forge it. Check-in pages send `Referrer-Policy:
// no-referrer`, under which a browser's form post carries `Origin: null`; Sec-Fetch-Site still
// says "same-origin" then, while a sandboxed or foreign page's post says "cross-site". Without
// fetch metadata (older browsers) the Origin's host must be the Host. Anything else is refused.
type HeaderBag = Record<string, string | string[] | undefined> | Headers

function get(h: HeaderBag, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined
  const v = h[name]
  return Array.isArray(v) ? v[0] : v
}

export function isSameOriginPost(headers: HeaderBag): boolean {
  const site = get(headers, 'sec-fetch-site')
  if (site !== undefined) return site === 'same-origin'
  const origin = get(headers, 'origin')
  const host = get(headers, 'host')
  if (!origin || !host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
