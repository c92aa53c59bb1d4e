// @vitest-environment happy-dom
// The note editor's behaviour with fake server actions: the first save creates the draft, later
// saves name the version they edited, a conflict stops autosave and keeps the text on screen,
// changing format asks first, and sign runs after the pending save with its version.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { NoteEditor } from '../../../components/notes/note-editor'
import { NoteView } from '../../../components/notes/note-view'
import type { NoteSaveResult, NoteSaveTarget, NotePayload, NoteScoresResult } from '../../../components/notes/types'
import { emptyBody } from '../../../lib/notes/templates'
import { itemAt } from '../../fixtures/item-at'

const router = { replace: vi.fn(), refresh: vi.fn(), push: vi.fn() }
vi.mock('next/navigation', () => ({ useRouter: () => router }))

const CLIENT = '11111111-1111-4111-8111-111111111111'
const DRAFT = '22222222-2222-4222-8222-222222222222'
const GOAL = '33333333-3333-4333-8333-333333333333'

type Call = { target: NoteSaveTarget; payload: NotePayload }

function setup(saveImpl?: (call: Call, n: number) => NoteSaveResult) {
  const calls: Call[] = []
  let version = 0
  const save = vi.fn(async (target: NoteSaveTarget, payload: NotePayload): Promise<NoteSaveResult> => {
    calls.push({ target, payload })
    if (saveImpl) return saveImpl({ target, payload }, calls.length)
    version = 'noteId' in target ? target.expectedVersion + 1 : 1
    return { status: 'saved', id: DRAFT, version, savedAt: '2026-03-02T12:04:00.000Z' }
  })
  const scores = vi.fn(async (_id: string, v: number): Promise<NoteScoresResult> => ({
    status: 'saved',
    id: DRAFT,
    version: v + 1,
    savedAt: '2026-03-02T12:05:00.000Z',
    snapshot: {
      version: 1,
      takenAt: '2026-03-02T12:05:00.000Z',
      episodeStart: '2026-01-01',
      instruments: [
        {
          instrumentId: 'phq9',
          scoreKey: 'total',
          label: 'PHQ-9',
          relationshipTarget: null,
          baseline: { value: 18, date: '2026-01-05T10:00:00.000Z' },
          latest: { value: 8, date: '2026-03-01T10:00:00.000Z', band: 'mild' },
          category: 'recovered',
          count: 2,
        },
      ],
    },
  }))
  const sign = vi.fn(async () => ({ status: 'success' as const, message: 'Signed.' }))
  render(
    <NoteEditor
      clientId={CLIENT}
      draftId={DRAFT}
      initial={{
        noteId: null,
        version: 0,
        revision: 1,
        snapshot: null,
        payload: { sessionDate: '2026-03-02', format: 'FREE', body: emptyBody('FREE'), goals: [], signs: [] },
      }}
      goals={[
        { id: GOAL, title: 'Stay steady when feelings run high', status: 'ACTIVE' },
        { id: '44444444-4444-4444-8444-444444444444', title: 'Old achieved goal', status: 'ACHIEVED' },
      ]}
      today="2026-03-02"
      timeZone="UTC"
      save={save}
      scores={scores}
      sign={sign}
    />,
  )
  return { save, scores, sign, calls }
}

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })
const blur = () => fireEvent.blur(screen.getByLabelText('Session date'))

beforeEach(() => {
  vi.spyOn(window.history, 'replaceState')
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('note editor', () => {
  it('creates nothing until something is written; the first save creates the draft, the next names its version', async () => {
    const { calls } = setup()
    blur()
    await act(async () => {})
    expect(calls).toHaveLength(0)
    type('Note', 'First words')
    blur()
    expect(await screen.findByText(/^Saved \d{2}:\d{2}$/)).toBeTruthy()
    expect(itemAt(calls, 0).target).toEqual({ draftId: DRAFT })
    expect(itemAt(calls, 0).payload.body).toEqual({ text: 'First words' })
    expect(window.history.replaceState).toHaveBeenCalledWith(null, '', `/clients/${CLIENT}/notes/${DRAFT}`)
    type('Note', 'First words, more')
    blur()
    await waitFor(() => expect(calls).toHaveLength(2))
    expect(itemAt(calls, 1).target).toEqual({ noteId: DRAFT, expectedVersion: 1 })
  })

  it('autosaves about two seconds after typing stops', async () => {
    vi.useFakeTimers()
    const { calls } = setup()
    type('Note', 'a')
    await act(async () => vi.advanceTimersByTime(1_000))
    type('Note', 'ab')
    await act(async () => vi.advanceTimersByTime(1_900))
    expect(calls).toHaveLength(0)
    await act(async () => vi.advanceTimersByTime(200))
    expect(calls).toHaveLength(1)
    expect(itemAt(calls, 0).payload.body.text).toBe('ab')
  })

  it('on a conflict, stops autosaving, keeps the text and explains what to do', async () => {
    const { calls } = setup((_c, n) =>
      n === 1
        ? { status: 'saved', id: DRAFT, version: 1, savedAt: '2026-03-02T12:04:00.000Z' }
        : { status: 'conflict', message: 'This note was changed in another window.' },
    )
    type('Note', 'mine')
    blur()
    await waitFor(() => expect(calls).toHaveLength(1))
    type('Note', 'mine, edited')
    blur()
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('This note was changed in another window.')
    expect(alert.textContent).toContain('has not been lost')
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('mine, edited')
    type('Note', 'still typing')
    blur()
    await act(async () => {})
    expect(calls).toHaveLength(2)
    expect(screen.queryByRole('button', { name: 'Sign note' })).toBeNull()
  })

  it('shows field errors next to the field', async () => {
    setup(() => ({
      status: 'invalid',
      message: 'Not saved: please correct the highlighted fields.',
      fieldErrors: { sessionDate: 'The session date cannot be in the future.' },
    }))
    type('Note', 'x')
    blur()
    expect(await screen.findByText('The session date cannot be in the future.')).toBeTruthy()
    expect(screen.getByLabelText('Session date').getAttribute('aria-invalid')).toBe('true')
  })

  it('asks before changing the format of a written note, and keeps the text', async () => {
    setup()
    type('Note', 'Said X')
    fireEvent.click(screen.getByLabelText(/^DAP/))
    expect(screen.getByRole('group', { name: /switch to DAP/i })).toBeTruthy()
    expect(screen.queryByLabelText('Data')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Switch to DAP' }))
    expect((screen.getByLabelText('Data') as HTMLTextAreaElement).value).toBe('Said X')
  })

  it('rates goals and ticks signs; only active goals are offered', async () => {
    const { calls } = setup()
    expect(screen.queryByText('Old achieved goal')).toBeNull()
    fireEvent.click(screen.getByLabelText('Stay steady when feelings run high'))
    fireEvent.click(screen.getByLabelText('7'))
    type(/^Comment/, 'paused before texting')
    fireEvent.click(screen.getByLabelText('More trust'))
    blur()
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(itemAt(calls, 0).payload.goals).toEqual([{ goalId: GOAL, rating: 7, comment: 'paused before texting' }])
    expect(itemAt(calls, 0).payload.signs).toEqual(['more-trust'])
  })

  it('inserts scores after creating the draft, and signs with the latest version after confirming', async () => {
    const { calls, scores, sign } = setup()
    fireEvent.click(screen.getByRole('button', { name: 'Insert scores' }))
    await screen.findByText('Scores inserted into the note.')
    expect(itemAt(calls, 0).target).toEqual({ draftId: DRAFT })
    expect(scores).toHaveBeenCalledWith(DRAFT, 1, 'insert')
    expect(screen.getByRole('table').textContent).toContain('Recovered')
    type('Note', 'Final text')
    fireEvent.click(screen.getByRole('button', { name: 'Sign note' }))
    expect(screen.getByText(/Once signed, this note can't be edited/)).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign now' })))
    await waitFor(() => expect(sign).toHaveBeenCalledWith(DRAFT, 3))
    expect(itemAt(calls, 1).target).toEqual({ noteId: DRAFT, expectedVersion: 2 })
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith(`/clients/${CLIENT}/notes/${DRAFT}`))
  })
})

describe('note view', () => {
  it('renders text as text, never as HTML, with whitespace kept', () => {
    const { container } = render(
      <NoteView
        note={{
          format: 'DAP',
          body: { data: '<img src=x onerror=alert(1)>\nline two', assessment: '', plan: 'p' },
          goals: [],
          signs: ['more-trust'],
          snapshot: null,
        }}
      />,
    )
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>')
    expect(screen.getByText(/line two/).className).toContain('whitespace-pre-wrap')
    expect(screen.getByText('More trust')).toBeTruthy()
  })
})
