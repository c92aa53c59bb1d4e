// The client's check-in page. A Pages Router page, unlike the rest of the app, for one reason:
// `unstable_runtimeJS: false` (below) lets Next render it on the server and send no framework
// script at all (no React, no router, no __NEXT_DATA__), which the App Router cannot do. Clients
// fill it on a phone, often at night: it is plain HTML forms that work without JavaScript, each
// step posted here and answered with a redirect (POST → 303 → GET), and public/checkin.js (~3 KiB)
// adds instant checks and saving as they answer. docs/architecture.md ("The check-in page").
import type { GetServerSideProps, PageConfig } from 'next'
import type { IncomingMessage } from 'node:http'
import Head from 'next/head'
import { clientIp } from '@/lib/auth/request-ip'
import { formatOpenUntil } from '@/lib/format'
import { isSameOriginPost } from '@/lib/http/same-origin'
import { applyPostedAnswers, firstGap, requestedStep } from '@/lib/checkins/checkin-form'
import { checkInPageService } from '@/lib/checkins/page-service-key'
import type { CheckInItemView } from '@/lib/checkins/types'
import { CheckInClosed } from '@/components/checkin/checkin-closed'
import { CheckInIntro } from '@/components/checkin/checkin-intro'
import { CheckInStepForm } from '@/components/checkin/checkin-step-form'
import { CheckInThanks } from '@/components/checkin/checkin-thanks'
import { CheckInThrottled } from '@/components/checkin/checkin-throttled'
import { initialAnswers, isRiskPositive, partMinutes, questionCount, resumeStep, toParts, unanswered } from '@/components/checkin/progress'
import type { AnswerMap } from '@/lib/checkins/types'

// No framework JavaScript on this page (see the top of this file).
export const config: PageConfig = { unstable_runtimeJS: false }

/** The largest step form: 20 items of at most 100 answers, each field ~50 bytes. */
const FORM_LIMIT_BYTES = 128 * 1024

type View =
  | { kind: 'not-found' }
  | { kind: 'refused' }
  | { kind: 'throttled'; minutes: number; crisisResources: string }
  | { kind: 'closed'; practiceName: string }
  | { kind: 'thanks'; practiceName: string; crisis: boolean; crisisResources: string }
  | {
      kind: 'open'
      practiceName: string
      crisisResources: string
      openUntil: string
      items: CheckInItemView[]
      answers: AnswerMap
      step: 'intro' | number
      welcomeBack: boolean
      showMissing: boolean
      sendError: boolean
      submissionKey: string
    }

interface Props {
  view: View
  /** This response's CSP nonce, for public/checkin.js. */
  nonce: string
  token: string
}

const stepHref = (token: string, step: number | 'start', check = false) => `/c/${encodeURIComponent(token)}?step=${step}${check ? '&check=1' : ''}`

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve, reject) => {
    const type = (req.headers['content-type'] ?? '').toLowerCase()
    if (!type.startsWith('application/x-www-form-urlencoded')) return resolve(null)
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > FORM_LIMIT_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        resolve(null)
      } else chunks.push(c)
    })
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params, query }) => {
  // The database functions, registered at boot (lib/checkins/page-service.ts says why).
  const svc = checkInPageService()
  const token = svc.tokenOf(params?.token)
  const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(String(req.headers['content-security-policy'] ?? ''))?.[1] ?? ''
  const address = clientIp(req.headers)
  const done = (view: View, status = 200) => {
    res.statusCode = status
    return { props: { view, nonce, token } }
  }

  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
    res.setHeader('Allow', 'GET, HEAD, POST')
    return done({ kind: 'refused' }, 405)
  }
  // Read only: opening (or a mail scanner prefetching) a valid link changes nothing. A failed
  // lookup counts towards this address's limit, and a blocked address is told so.
  const found = await svc.open(address, token)
  if (found.status === 'not-found') return done({ kind: 'not-found' }, 404)
  // 429 Too Many Requests, with a page of help for the person.
  if (found.status === 'throttled') return done({ kind: 'throttled', minutes: svc.blockMinutes, crisisResources: svc.defaultCrisisResources }, 429)
  const { checkIn } = found
  if (checkIn.state === 'inactive') return done({ kind: 'closed', practiceName: checkIn.practiceName })
  const parts = toParts(checkIn.items)
  let answers = initialAnswers(parts, checkIn.draft)
  const open = (step: 'intro' | number, extra: Partial<Extract<View, { kind: 'open' }>> = {}): View => ({
    kind: 'open',
    practiceName: checkIn.practiceName,
    crisisResources: checkIn.crisisResources,
    openUntil: formatOpenUntil(checkIn.expiresAt, checkIn.timeZone),
    items: checkIn.items,
    answers,
    step,
    welcomeBack: false,
    showMissing: false,
    sendError: false,
    submissionKey: crypto.randomUUID(),
    ...extra,
  })

  if (req.method !== 'POST') {
    const asked = requestedStep(query.step, parts.length)
    const step = asked ?? resumeStep(parts, answers)
    // A reload lands straight on the first part with a question left, with a word of welcome.
    return done(open(step, { welcomeBack: asked === null && typeof step === 'number', showMissing: query.check === '1' }))
  }

  // A step posted by the page's own form. scripts/server.mjs has already refused other origins;
  // this checks again for any other way in (e.g. `next start`).
  if (!isSameOriginPost(req.headers)) return done({ kind: 'refused' }, 403)
  const form = await readForm(req)
  if (!form) return done({ kind: 'refused' }, 400)
  const at = requestedStep(form.get('step') ?? undefined, parts.length)
  const index = typeof at === 'number' ? at : 0
  const intent = form.get('intent')
  const posted = applyPostedAnswers(parts, answers, form)
  const redirect = (destination: string) => ({ redirect: { destination, statusCode: 303 as const } })
  const changed = JSON.stringify(posted) !== JSON.stringify(answers)
  answers = posted
  /** Keeps what was posted as the draft; a view to show instead when that fails, else null. */
  const keepDraft = async (): Promise<{ props: Props } | null> => {
    if (!changed) return null
    const saved = await svc.saveDraft(address, token, posted)
    if (saved.status === 'inactive' || saved.status === 'not-found') return done({ kind: 'closed', practiceName: checkIn.practiceName })
    // Not saved: the page comes back with the client's answers on it and asks them to try again.
    if (saved.status !== 'ok') return done(open(index, { sendError: true }))
    return null
  }
  const part = parts[index]
  const gap = firstGap(parts, answers)
  // Every other post keeps the answers as the draft first. A complete "Send" goes straight to the
  // submission, which clears the draft when it succeeds; the draft is written only if it does not.
  if (intent !== 'send' || index !== parts.length - 1 || gap !== -1) {
    const failed = await keepDraft()
    if (failed) return failed
    if (intent === 'back') return redirect(stepHref(token, index === 0 ? 'start' : index - 1))
    if (intent !== 'send' || index !== parts.length - 1) {
      if (part && unanswered(answers[part.itemId]).length > 0) return redirect(stepHref(token, index, true))
      return redirect(stepHref(token, Math.min(index + 1, parts.length - 1)))
    }
    return redirect(stepHref(token, gap, true))
  }
  const r = await svc.submit(address, token, form.get('key'), answers)
  if (r.status !== 'submitted' && r.status !== 'inactive' && r.status !== 'not-found') {
    const failed = await keepDraft()
    if (failed) return failed
  }
  switch (r.status) {
    case 'submitted':
      // Answered here, not redirected: the help to show depends on these answers, and a URL
      // saying so would stay in the browser's history. Resending is harmless (same key, replay).
      return done({
        kind: 'thanks',
        practiceName: checkIn.practiceName,
        crisisResources: checkIn.crisisResources,
        crisis: r.crisis || parts.some((p) => isRiskPositive(p, answers[p.itemId])),
      })
    case 'incomplete': {
      const missingAt = parts.findIndex((p) => (r.missing[p.itemId]?.length ?? 0) > 0)
      return redirect(stepHref(token, missingAt === -1 ? index : missingAt, true))
    }
    case 'inactive':
    case 'not-found':
      return done({ kind: 'closed', practiceName: checkIn.practiceName })
    default:
      svc.warn('checkin.form.send_failed', { status: r.status })
      return done(open(index, { sendError: true }))
  }
}

export default function CheckInPage({ view, nonce, token }: Props) {
  return (
    <>
      <Head>
        {/* Neutral: the title shows in history and tab lists, so it says nothing about the person or care. */}
        <title>Your check-in · SecureBase</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
      </Head>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to main content
      </a>
      <main id="main" className="mx-auto w-full max-w-2xl px-4 py-6 sm:py-10">
        <Body view={view} token={token} />
      </main>
      {/* On every view (it marks the page as ready and does nothing else where there is no form). */}
      <script src="/checkin.js" nonce={nonce} defer />
    </>
  )
}

function Body({ view, token }: { view: View; token: string }) {
  switch (view.kind) {
    case 'not-found':
      return <NotFound />
    case 'refused':
      return (
        <section className="flex flex-col gap-4">
          <h1 className="text-2xl font-semibold">This request was refused</h1>
          <p className="text-lg text-stone-700">Nothing was saved. Please open your check-in link again.</p>
        </section>
      )
    case 'throttled':
      return <CheckInThrottled minutes={view.minutes} crisisResources={view.crisisResources} />
    case 'closed':
      return (
        <>
          <PracticeLine name={view.practiceName} />
          <CheckInClosed practiceName={view.practiceName} />
        </>
      )
    case 'thanks':
      return (
        <>
          <PracticeLine name={view.practiceName} />
          <CheckInThanks practiceName={view.practiceName} crisis={view.crisis} crisisResources={view.crisisResources} />
        </>
      )
    case 'open':
      return (
        <>
          <PracticeLine name={view.practiceName} />
          <OpenCheckIn view={view} token={token} />
        </>
      )
  }
}

function OpenCheckIn({ view, token }: { view: Extract<View, { kind: 'open' }>; token: string }) {
  const parts = toParts(view.items)
  if (parts.length === 0) {
    // Every part fell away (e.g. a goal check-in after the goals were paused): nothing to answer.
    return (
      <section className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">Nothing to answer this time</h1>
        <p className="text-lg text-stone-700">
          There are no questions for you in this check-in. You can close this page; {view.practiceName} will be in touch about the next one.
        </p>
      </section>
    )
  }
  if (view.step === 'intro') {
    const at = resumeStep(parts, view.answers)
    return (
      <CheckInIntro
        practiceName={view.practiceName}
        questions={parts.reduce((n, p) => n + questionCount(p), 0)}
        minutes={parts.reduce((n, p) => n + partMinutes(p), 0)}
        openUntil={view.openUntil}
        startHref={stepHref(token, at === 'intro' ? 0 : at)}
      />
    )
  }
  return (
    <CheckInStepForm
      parts={parts}
      index={view.step}
      answers={view.answers}
      showMissing={view.showMissing}
      submissionKey={view.submissionKey}
      crisisResources={view.crisisResources}
      welcomeBack={view.welcomeBack}
      sendError={view.sendError}
    />
  )
}

function PracticeLine({ name }: { name: string }) {
  return <p className="mb-6 border-b border-stone-200 pb-3 text-sm font-medium text-stone-600">{name}</p>
}

// The same words as app/not-found.tsx (which this page, outside the App Router, cannot render).
function NotFound() {
  return (
    <section className="flex min-h-[60vh] flex-col justify-center gap-4">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-stone-700">We could not find that page or record. It may have been moved, or you may not have access to it.</p>
      <p className="text-stone-700">If you followed a check-in link from your clinician, please check it was copied in full, or ask them for a new one.</p>
      <p>
        {/* A plain link: this page ships no router to make it a client-side navigation. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="font-medium text-accent-700 underline underline-offset-4">
          Staff sign-in
        </a>
      </p>
    </section>
  )
}
