import * as binding from '../../wailsjs/go/app/MeetingService'
import type { meetings } from '../../wailsjs/go/models'
import { call } from './call'
import { file as docFile, type DocFile, type Issued } from './docs'

// Meetings and their minutes: what backend/meetings takes and gives.

// A meeting as it is called (its title '' for the usual one, 桃林村2026年11月民情分析会).
export interface MeetingInput {
  villageId: string
  kind: string
  title: string
  date: string // ISO
  start: string // HH:MM
  end: string
  place: string
  host: string
  recorder: string
}

// A person invited and whether they came: attendance is one of MeetingChoices.attendances, '' while
// not marked; a member without a vote attends as 列席.
export interface Member {
  id: string
  residentId: string
  name: string
  role: string
  voting: boolean
  attendance: string
  reason: string // of a leave
  arrived: string // HH:MM of a late arrival
  leftEarly: string // HH:MM of an early departure
}

export interface MemberInput {
  residentId: string
  name: string
  role: string
  voting: boolean
}

export interface Mark {
  attendance: string
  reason: string
  arrived: string
  leftEarly: string
}

// Where a case named by a meeting stands now.
export interface CaseBrief {
  id: string
  number: string
  summary: string
  state: string
  level: string
  handler: string
  deadline: string
  open: boolean
  overdue: boolean
}

export interface Item {
  id: string
  title: string
  caseId: string
  case: CaseBrief | null
  resolutionId: string // an earlier decision followed up
  note: string // 讨论情况
}

export interface ItemInput {
  title: string
  caseId: string
  note: string
}

export interface CaseLink {
  caseId: string
  action: string // 立案, 交办, 指派
  case: CaseBrief
}

export interface Vote {
  for: number
  against: number
  abstain: number
  recused: string[] // member ids
}

export interface Resolution {
  id: string
  itemId: string
  text: string
  voted: boolean
  for: number
  against: number
  abstain: number
  recused: string[]
  recusedNames: string[]
  passed: boolean
  handler: string
  dueOn: string
  doneOn: string
  doneNote: string
  cases: CaseLink[]
}

// A decision as the recorder enters it; vote null for one agreed without a vote (only where the
// meeting does not need one: Meeting.needsVote).
export interface ResolutionInput {
  itemId: string
  text: string
  vote: Vote | null
  handler: string
  dueOn: string
}

// What a decision asks of a case: a new one (caseId '') or one on the agenda, handed to a handler at
// a level ('' or 村 keeps it at the village; lower hands it down with a 民情交办单) in working days
// (0: the category's limit).
export interface CaseOrder {
  caseId: string
  summary: string
  category: string
  description: string
  level: string
  handler: string
  days: number
}

export interface Ordered {
  caseId: string
  number: string
  action: string
  slip: Issued | null // the 民情交办单 when it was handed down
}

export interface Addendum {
  on: string
  text: string
  operator: string
}

// A meeting's attendance counted: 应到 (members with a vote), 实到, 请假, 缺席, not yet marked, 列席;
// the rule of its kind ('' for none), the fewest present that make it, whether it is met, and the
// sentence the minutes print.
export interface Quorum {
  members: number
  present: number
  leave: number
  absent: number
  unmarked: number
  observers: number
  rule: string
  needed: number
  met: boolean
  line: string
}

export interface Meeting extends MeetingInput {
  id: string
  villageName: string
  state: string
  record: string
  opinion: string
  cancelReason: string
  finalisedOn: string
  finalisedBy: string
  issueNo: string
  members: Member[]
  items: Item[]
  resolutions: Resolution[]
  addenda: Addendum[]
  quorum: Quorum
  needsVote: boolean
}

export interface Minutes {
  record: string
  opinion: string
}

export interface Finalised {
  record: Issued
  summary: Issued
}

export interface MeetingQuery {
  villageId: string
  kind: string
  state: string
  from: string
  to: string
  limit: number
  offset: number
}

export interface MeetingSummary {
  id: string
  villageId: string
  villageName: string
  kind: string
  title: string
  date: string
  start: string
  place: string
  state: string
  members: number // 应到
  present: number // 实到
  resolutions: number
}

export interface MeetingPage {
  total: number
  items: MeetingSummary[]
}

// A regular meeting a village owes: status 'due' (not yet held this period), 'planned' (called for a
// day in it: meetingId, plannedOn) or 'missed' (the last period ended without one).
export interface Due {
  villageId: string
  villageName: string
  kind: string
  status: 'due' | 'planned' | 'missed'
  period: string // 2026年12月, 2026年第四季度
  periodEnd: string
  meetingId: string
  plannedOn: string
  missedYear: number // periods of this year, ended, without one
}

export interface KindCount {
  kind: string
  held: number
  final: number
}

// The meetings held (being held or final) in a period, for 统计.
export interface Held {
  total: number
  final: number
  byKind: KindCount[]
  members: number
  present: number
  resolutions: number
  cases: number
}

export interface Village {
  id: string
  name: string
}

export interface MeetingChoices {
  kinds: string[]
  states: string[] // 筹备, 进行中, 已定稿, 已取消
  attendances: string[] // 出席, 请假, 缺席, 列席
  roles: string[]
  grades: string[] // the review grades, best first
  regular: string[] // the kinds with a cadence: monthly first, then quarterly
}

export interface Review {
  id: string
  grade: string
  reasons: string
  meetingId: string
  reviewedOn: string
}

export interface CaseOutcomes {
  cases: number
  resolved: number
  open: number
  overdue: number
  satisfied: number
}

// A villager representative's year: their visits against the cadence, the cases those led to, the
// meetings they were called to, and the committee's review.
export interface RepYear {
  residentId: string
  name: string
  villageId: string
  villageName: string
  neighbourhood: string
  year: number
  until: string
  households: number
  keyHouseholds: number
  visits: number
  periodsDue: number
  periodsCovered: number
  cases: CaseOutcomes
  meetingsInvited: number
  meetingsAttended: number
  meetingsLeave: number
  meetingsAbsent: number
  review: Review | null
}

export interface ReviewInput {
  residentId: string
  year: number
  grade: string
  reasons: string
  meetingId: string
  date: string // ISO, '' for today
}

export interface NoticeInput {
  start: string // ISO, '' for today
  days: number // working days, 0 for 5
  where: string
  how: string
  contact: string
  phone: string
  monitor: string
}

export const blankMeeting = (): MeetingInput => ({
  villageId: '', kind: '', title: '', date: '', start: '', end: '', place: '', host: '', recorder: '',
})

export const blankMeetingQuery = (): MeetingQuery => ({ villageId: '', kind: '', state: '', from: '', to: '', limit: 20, offset: 0 })

const list = <T>(v: T[] | null | undefined): T[] => v ?? []

const brief = (b: CaseBrief | null | undefined): CaseBrief | null => (b?.id ? b : null)

// meeting reads a meeting as the backend gives it, never with null lists.
export function meeting(m: meetings.Meeting): Meeting {
  const r = m as unknown as Meeting
  return {
    ...r,
    members: list(r.members),
    items: list(r.items).map((it) => ({ ...it, case: brief(it.case) })),
    resolutions: list(r.resolutions).map((x) => ({ ...x, recused: list(x.recused), recusedNames: list(x.recusedNames), cases: list(x.cases) })),
    addenda: list(r.addenda),
    quorum: r.quorum ?? { members: 0, present: 0, leave: 0, absent: 0, unmarked: 0, observers: 0, rule: '', needed: 0, met: false, line: '' },
  }
}

export const meetingsApi = {
  choices: async (): Promise<MeetingChoices> => {
    const c = await call(() => binding.Choices())
    return {
      kinds: list(c.kinds), states: list(c.states), attendances: list(c.attendances), roles: list(c.roles), grades: list(c.grades),
      regular: list(c.regular),
    }
  },
  villages: async (): Promise<Village[]> => list(await call(() => binding.Villages())).map((v) => ({ id: v.id, name: v.name })),
  list: async (q: MeetingQuery): Promise<MeetingPage> => {
    const p = await call(() => binding.List(q as meetings.Query))
    return { total: p.total, items: list(p.meetings) as MeetingSummary[] }
  },
  get: async (id: string): Promise<Meeting> => meeting(await call(() => binding.Get(id))),
  // due lists the regular meetings due this period or missed in the last, of one village or all ('').
  due: async (villageId = ''): Promise<Due[]> => list(await call(() => binding.Due(villageId))) as Due[],
  held: async (from: string, to: string, villageId = ''): Promise<Held> => {
    const h = await call(() => binding.Held(from, to, villageId))
    return { ...h, byKind: list(h.byKind) }
  },
  create: (input: MeetingInput): Promise<string> => call(() => binding.Create(input as meetings.Input)),
  update: (id: string, input: MeetingInput): Promise<void> => call(() => binding.Update(id, input as meetings.Input)),
  start: (id: string): Promise<void> => call(() => binding.Start(id)),
  cancel: (id: string, reason: string): Promise<void> => call(() => binding.Cancel(id, reason)),
  remove: (id: string): Promise<void> => call(() => binding.Delete(id)),
  inviteRole: (id: string, role: string, voting: boolean): Promise<number> => call(() => binding.InviteRole(id, role, voting)),
  addMember: (id: string, m: MemberInput): Promise<string> => call(() => binding.AddMember(id, m as meetings.MemberInput)),
  removeMember: (memberId: string): Promise<void> => call(() => binding.RemoveMember(memberId)),
  mark: (memberId: string, mk: Mark): Promise<void> => call(() => binding.MarkAttendance(memberId, mk as meetings.Mark)),
  markRest: (id: string): Promise<number> => call(() => binding.MarkRest(id)),
  addItem: (id: string, it: ItemInput): Promise<string> => call(() => binding.AddItem(id, it as meetings.ItemInput)),
  updateItem: (itemId: string, it: ItemInput): Promise<void> => call(() => binding.UpdateItem(itemId, it as meetings.ItemInput)),
  removeItem: (itemId: string): Promise<void> => call(() => binding.RemoveItem(itemId)),
  // A decision without a vote goes with vote left out (the backend's nil).
  addResolution: (id: string, r: ResolutionInput): Promise<string> =>
    call(() => binding.AddResolution(id, { ...r, vote: r.vote ?? undefined } as meetings.ResolutionInput)),
  updateResolution: (resolutionId: string, r: ResolutionInput): Promise<void> =>
    call(() => binding.UpdateResolution(resolutionId, { ...r, vote: r.vote ?? undefined } as meetings.ResolutionInput)),
  removeResolution: (resolutionId: string): Promise<void> => call(() => binding.RemoveResolution(resolutionId)),
  orderCase: async (resolutionId: string, o: CaseOrder): Promise<Ordered> => {
    const r = await call(() => binding.OrderCase(resolutionId, o as meetings.CaseOrder))
    return { caseId: r.caseId, number: r.number, action: r.action, slip: r.slip?.id ? (r.slip as Issued) : null }
  },
  markDone: (resolutionId: string, date: string, note: string): Promise<void> => call(() => binding.MarkDone(resolutionId, date, note)),
  saveMinutes: (id: string, m: Minutes): Promise<void> => call(() => binding.SaveMinutes(id, m as meetings.Minutes)),
  checkFinalise: async (id: string): Promise<void> => { await call(() => binding.CheckFinalise(id)) },
  finalise: async (id: string): Promise<Finalised> => (await call(() => binding.Finalise(id))) as Finalised,
  addAddendum: async (id: string, date: string, text: string): Promise<Issued> => (await call(() => binding.AddAddendum(id, date, text))) as Issued,
  issueNotice: async (id: string): Promise<Issued> => (await call(() => binding.IssueNotice(id))) as Issued,
  documents: async (id: string): Promise<Issued[]> => list(await call(() => binding.Documents(id))) as Issued[],
  // draft renders the 会议记录 ('record') or 会议纪要 ('summary') as it stands; nothing is archived.
  draft: async (id: string, form: 'record' | 'summary'): Promise<DocFile> => docFile(await call(() => binding.Draft(id, form))),
  repYears: async (villageId: string, year: number): Promise<RepYear[]> =>
    list(await call(() => binding.RepYears(villageId, year))).map((r) => ({ ...(r as unknown as RepYear), review: r.review?.id ? (r.review as Review) : null })),
  recordReview: (r: ReviewInput): Promise<string> => call(() => binding.RecordReview(r as meetings.ReviewInput)),
  issueReviewNotice: async (villageId: string, year: number, n: NoticeInput): Promise<Issued> =>
    (await call(() => binding.IssueReviewNotice(villageId, year, n as meetings.NoticeInput))) as Issued,
}
