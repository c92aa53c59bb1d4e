// Months of plausible check-in history for the demo practice, so a new user sees a real caseload:
// most clients improving, two flat, one deteriorating, one with a resolved risk flag and one with
// an open one. Deterministic (seeded), scored by lib/assessments like real answers.
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@/lib/db/generated/client'
import { getInstrument, type InstrumentId } from '@/lib/assessments'
import { responseColumns, scoreInstrumentAnswers } from '@/lib/assessments/checkin-answers'
import { prng } from '@/lib/seeded-random'
import { must } from '@/lib/must'

type Tx = Prisma.TransactionClient

export type Trajectory = 'improving' | 'flat' | 'deteriorating' | 'risk-resolved' | 'risk-open'

/** Item values whose (unweighted) sum is close to `total`, spread over items. */
export function symptomAnswers(id: 'phq9' | 'gad7' | 'core10', total: number, rand: () => number, riskValue = 0): number[] {
  const def = getInstrument(id)
  const max = must(def.anchors.at(-1), 'the top anchor').value
  const n = def.items.length
  const values = new Array<number>(n).fill(0)
  const riskIdx = def.items.findIndex((i) => i.risk)
  let remaining = Math.max(0, Math.round(total) - riskValue)
  for (let guard = 0; remaining > 0 && guard < 500; guard++) {
    const i = Math.floor(rand() * n)
    const v = values[i]
    if (i === riskIdx || v === undefined || v >= max) continue
    values[i] = v + 1
    remaining--
  }
  if (riskIdx >= 0) values[riskIdx] = riskValue
  // CORE-10 items 2 and 3 are reverse keyed: store the raw answer that gives this scored value.
  return values.map((v, i) => (def.items[i]?.reverse ? max - v : v))
}

export function attachmentAnswers(id: 'ecr-rs' | 'ecr-r', anxiety: number, avoidance: number, rand: () => number): number[] {
  const def = getInstrument(id)
  return def.items.map((item) => {
    const target = item.scoreKey === 'anxiety' ? anxiety : avoidance
    const v = Math.min(7, Math.max(1, Math.round(target + (rand() - 0.5) * 1.6)))
    return item.reverse ? 8 - v : v
  })
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t

interface Plan {
  phq: [number, number]
  gad: [number, number]
  anx: [number, number]
  avo: [number, number]
}
const plans: Record<Trajectory, Plan> = {
  improving: { phq: [17, 6], gad: [15, 5], anx: [5.6, 3.6], avo: [4.9, 3.4] },
  flat: { phq: [11, 10], gad: [10, 9], anx: [4.6, 4.4], avo: [5.2, 5.0] },
  deteriorating: { phq: [8, 18], gad: [7, 15], anx: [4.2, 5.5], avo: [3.8, 4.8] },
  'risk-resolved': { phq: [19, 8], gad: [14, 7], anx: [6.0, 4.4], avo: [5.8, 4.9] },
  'risk-open': { phq: [14, 16], gad: [12, 13], anx: [5.3, 5.5], avo: [4.5, 4.6] },
}

const DAY = 86_400_000

/**
 * Weekly PHQ-9 + GAD-7 and monthly ECR-RS for one client from `start` until last week. The current
 * occurrence is left for the scheduler, which opens it as a live check-in. Rows are built in memory
 * and written with createMany (a few statements, not thousands).
 */
export async function seedClientHistory(
  tx: Tx,
  o: { practiceId: string; clientId: string; clinicianId: string; start: Date; now: Date; trajectory: Trajectory; seed: number; missLastWeek?: boolean },
) {
  const rand = prng(o.seed)
  const plan = plans[o.trajectory]
  const base = { practiceId: o.practiceId, clientId: o.clientId, createdById: o.clinicianId, startDate: o.start, createdAt: o.start }
  const ids = { phq: randomUUID(), gad: randomUUID(), rs: randomUUID() }
  await tx.assignment.createMany({
    data: [
      { ...base, id: ids.phq, instrumentId: 'phq9', recurrence: 'WEEKLY' },
      { ...base, id: ids.gad, instrumentId: 'gad7', recurrence: 'WEEKLY' },
      { ...base, id: ids.rs, instrumentId: 'ecr-rs', recurrence: 'MONTHLY', relationshipTarget: 'your romantic partner' },
    ],
  })
  const checkIns: Prisma.CheckInCreateManyInput[] = []
  const items: Prisma.CheckInItemCreateManyInput[] = []
  const responses: Prisma.ResponseCreateManyInput[] = []
  const flags: Prisma.RiskFlagCreateManyInput[] = []
  const weeks = Math.floor((o.now.getTime() - o.start.getTime()) / (7 * DAY))
  for (let w = 0; w < weeks; w++) {
    const due = new Date(o.start.getTime() + w * 7 * DAY)
    const expiresAt = new Date(due.getTime() + 4 * DAY)
    const checkInId = randomUUID()
    // Some weeks are missed, as in real life; `missLastWeek` misses the latest one, so the client
    // has an overdue check-in (closed unanswered within the caseload's 30 days).
    if (w > 0 && (rand() < 0.12 || (o.missLastWeek === true && w === weeks - 1))) {
      checkIns.push({ id: checkInId, practiceId: o.practiceId, clientId: o.clientId, dueDate: due, status: 'EXPIRED', expiresAt, createdAt: due })
      continue
    }
    const t = weeks <= 1 ? 1 : w / (weeks - 1)
    const noise = () => (rand() - 0.5) * 4
    const submittedAt = new Date(due.getTime() + (18 + Math.floor(rand() * 50)) * 3_600_000)
    const riskWeek = (o.trajectory === 'risk-resolved' && w === 2) || (o.trajectory === 'risk-open' && w === weeks - 1)
    const parts: { assignmentId: string; instrumentId: InstrumentId; answers: number[]; target: string | null }[] = [
      { assignmentId: ids.phq, instrumentId: 'phq9', answers: symptomAnswers('phq9', lerp(...plan.phq, t) + noise(), rand, riskWeek ? 1 : 0), target: null },
      { assignmentId: ids.gad, instrumentId: 'gad7', answers: symptomAnswers('gad7', lerp(...plan.gad, t) + noise(), rand), target: null },
    ]
    if (w % 4 === 0) {
      parts.push({
        assignmentId: ids.rs,
        instrumentId: 'ecr-rs',
        answers: attachmentAnswers('ecr-rs', lerp(...plan.anx, t), lerp(...plan.avo, t), rand),
        target: 'your romantic partner',
      })
    }
    checkIns.push({
      id: checkInId,
      practiceId: o.practiceId,
      clientId: o.clientId,
      dueDate: due,
      status: 'COMPLETED',
      expiresAt,
      createdAt: due,
      completedAt: submittedAt,
    })
    for (const [position, it] of parts.entries()) {
      const itemId = randomUUID()
      const responseId = randomUUID()
      items.push({
        id: itemId,
        checkInId,
        assignmentId: it.assignmentId,
        occurrenceDate: due,
        instrumentId: it.instrumentId,
        relationshipTarget: it.target,
        position,
      })
      // Scored like a real submission: the same columns and one flag per positive risk item.
      const scored = scoreInstrumentAnswers(it.instrumentId, it.answers)
      responses.push({
        id: responseId,
        practiceId: o.practiceId,
        clientId: o.clientId,
        checkInId,
        checkInItemId: itemId,
        relationshipTarget: it.target,
        ...responseColumns(scored),
        submittedAt,
      })
      for (const risk of scored.risks) {
        const resolved = o.trajectory === 'risk-resolved'
        flags.push({
          practiceId: o.practiceId,
          clientId: o.clientId,
          responseId,
          instrumentId: it.instrumentId,
          ...risk,
          raisedAt: submittedAt,
          status: resolved ? 'RESOLVED' : 'OPEN',
          ...(resolved
            ? {
                acknowledgedAt: new Date(submittedAt.getTime() + 2 * 3_600_000),
                acknowledgedById: o.clinicianId,
                resolvedAt: new Date(submittedAt.getTime() + 26 * 3_600_000),
                resolvedById: o.clinicianId,
                resolutionNote: 'Phoned the client the next morning; safety plan reviewed together; no current intent. Discussed in session.',
              }
            : {}),
        })
      }
    }
  }
  await tx.checkIn.createMany({ data: checkIns })
  await tx.checkInItem.createMany({ data: items })
  await tx.response.createMany({ data: responses })
  if (flags.length) await tx.riskFlag.createMany({ data: flags })
  return { responses: responses.length }
}
