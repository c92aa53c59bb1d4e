// The Pages Router's app shell, for its one page: the client's check-in (pages/c/[token].tsx).
import type { AppProps } from 'next/app'
import '../app/globals.css'

export default function CheckInApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />
}
