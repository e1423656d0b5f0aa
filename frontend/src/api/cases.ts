import * as binding from '../../wailsjs/go/app/CaseService'
import { cases } from '../../wailsjs/go/models'
import { call } from './call'
import { file as docFile, type DocFile, type Issued } from './docs'

// 民情 case files: what backend/cases takes and gives.

export interface CaseInput {
  source: string
  category: string
  urgency: string
  summary: string
  description: string
  location: string
  villageId: string
  householdId: string
  residentId: string
  personName: string
  personPhone: string
  visitId: string
  level: string
  handler: string
  registeredOn: string // ISO date
  limitDays: number // 0: the category's
  parties: PartyInput[] // the other people it concerns
}

// A person a case concerns beside its reporter: a registered resident (residentId; the name comes from
// the registry, the phone only when given here) or someone outside the registry.
export interface PartyInput {
  role: string // one of CaseChoices.partyRoles
  residentId: string
  name: string
  phone: string
  note: string
}

export interface Party extends PartyInput {
  id: string
  householdId: string
}

export interface CaseEvent {
  at: string // when it was recorded (RFC 3339)
  on: string // the day it happened (ISO)
  operator: string
  action: string
  from: string
  to: string
  level: string
  handler: string
  deadline: string
  note: string
}

export interface Case extends CaseInput {
  id: string
  number: string
  state: string
  deadline: string
  resolvedOn: string
  resolvedLevel: string
  satisfaction: string
  mediation: string // a resolved dispute's outcome (one of CaseChoices.mediations), '' otherwise
  mediationTo: string // the body a dispute was handed to (转交)
  card: string // '', or one of CaseChoices.cards
  overdueDays: number
  events: CaseEvent[]
  followUpBy: string // resolved: the last day of its follow-up window (ISO), else ''
  handedDown: boolean // handed down (交办) at some step (a case read whole)
  parties: Party[] // the other people it concerns (a case read whole)
  meetingId: string // the meeting whose decision created it, '' for none
}

export interface CaseStep {
  action: string
  note: string
  level: string
  handler: string
  days: number
  satisfaction: string
  mediation: string // 办结 of a dispute: one of CaseChoices.mediations
  to: string // 办结 of a dispute handed on (转交): the body it goes to
  date: string // the day it happened (ISO); '' for today
}

export interface CaseQuery {
  text: string
  state: string // '' for all, 'open' for those being dealt with
  card: string // '', one of CaseChoices.cards, or 'cards' for both
  category: string
  source: string
  level: string
  handler: string
  villageId: string
  from: string
  to: string
  sort: string
  desc: boolean
  limit: number
  offset: number
}

export interface CasePage {
  items: Case[]
  total: number
}

export interface CaseCounts {
  open: number
  yellow: number
  red: number
  awaiting: number // resolved, waiting for the follow-up (回访)
  followUp: number // of them, past the follow-up window (回访逾期)
}

// The figures of the cases registered in a period; the rates are fractions (0–1).
export interface CaseStats {
  from: string
  to: string
  registered: number
  rejected: number
  resolved: number
  inVillage: number
  onTime: number
  followedUp: number
  satisfied: number
  resolvedRate: number
  villageRate: number
  onTimeRate: number
  satisfyRate: number
}

// A count of cases of one kind (a state, category, source or month '2026-03') and how many resolved.
export interface CaseTally {
  name: string
  cases: number
  resolved: number
}

export interface VillageTally {
  villageId: string
  village: string
  cases: number
  resolved: number
  inVillage: number
  yellow: number
  red: number
}

export interface HandlerCards {
  handler: string
  open: number
  yellow: number
  red: number
}

// Someone a village's case can be assigned to: a leader in office (level 邻 … 村, role their place or
// title) or a name the village's cases went to before (level '', role how many).
export interface HandlerChoice {
  name: string
  level: string
  role: string
  phone: string
}

// The 统计 screen: a period's figures broken down, today's cards, the visits held.
export interface CaseReport extends CaseStats {
  villageId: string
  cards: CaseCounts
  byState: CaseTally[]
  byCategory: CaseTally[]
  bySource: CaseTally[]
  byMonth: CaseTally[]
  byVillage: VillageTally[]
  byHandler: HandlerCards[]
  disputes: number
  mediated: number
  visits: number
}

// What an import of a 民情台账 found and did. written is false when rows were rejected and the valid
// ones alone were not asked for: nothing was written then.
export interface LedgerProblem {
  row: number
  column: string
  message: string
}
export interface LedgerSummary {
  file: string
  total: number
  valid: number
  rejected: number
  existing: number
  problems: LedgerProblem[]
  problemCount: number
  unknown: string[]
  reportPath: string
  notices: LedgerProblem[]
  written: boolean
  result: { imported: number; skipped: number; rejected: number; byId: number; byName: number; outsiders: number; unassigned: number }
}

// The office's own choices for cases: its categories with their time limits (working days) and how
// many working days before the deadline a yellow card shows.
export interface CaseSettings {
  categories: { name: string; limitDays: number }[]
  yellowDays: number
  followUpDays: number // a resolved case is followed up within so many working days
  builtIn: string[] // the built-in categories, which stay
}

export interface CaseChoices {
  sources: string[]
  categories: { name: string; limitDays: number }[]
  urgencies: string[]
  levels: string[]
  states: string[]
  satisfactions: string[]
  mediations: string[] // the outcomes of a dispute's mediation: agreed, failed, handed on (转交, the last)
  bodies: string[] // the bodies a dispute is usually handed to
  dispute: string // the category whose 办结 asks for the outcome
  extend: string // the action that extends a deadline (延期)
  remind: string // the action that chases an overdue case (催办): offered on a red card only
  allowed: Record<string, string[]>
  needs: CaseNeeds[]
  cards: string[] // yellow, then red
  partyRoles: string[] // the roles of the other people a case concerns: the other side of a dispute first
  defaultLevel: string
}

// What an action asks for: the level it goes to ('up', 'down' or ''), a handler, working days (the
// default; 0 when none), the satisfaction, and whether its note is required.
export interface CaseNeeds {
  action: string
  level: '' | 'up' | 'down'
  handler: boolean
  days: number
  maxDays: number // the most working days it takes (an extension: with the case's limit)
  satisfaction: boolean
  mediation: boolean // the outcome of mediation, asked of a dispute (CaseChoices.dispute) only
  note: boolean
  document: string // the kind of document issued with it, '' for none
  handedDownOnly: boolean // the document only for a case that was handed down (办结's 办理回执)
}

// documentOf is the kind of document a step issues on a case ('' for none).
export function documentOf(needs: CaseNeeds[], action: string, c: Pick<Case, 'handedDown'> | null | undefined): string {
  const n = needs.find((x) => x.action === action)
  if (!n?.document || (n.handedDownOnly && !c?.handedDown)) return ''
  return n.document
}

export const blankCase = (): CaseInput => ({
  source: '', category: '', urgency: '', summary: '', description: '', location: '', villageId: '', householdId: '',
  residentId: '', personName: '', personPhone: '', visitId: '', level: '', handler: '', registeredOn: '', limitDays: 0,
  parties: [],
})

export const blankParty = (role = ''): PartyInput => ({ role, residentId: '', name: '', phone: '', note: '' })

export const blankQuery = (): CaseQuery => ({
  text: '', state: '', card: '', category: '', source: '', level: '', handler: '', villageId: '', from: '', to: '',
  sort: '', desc: false, limit: 20, offset: 0,
})

// Where a case stands.
export interface Standing {
  state: string
  level: string
}

// A case whose timeline a merge forked: steps taken at two offices without either seeing the other's.
export interface TimelineClash {
  caseId: string
  number: string
  summary: string
  now: Standing // as merged
  steps: CaseEvent[] // since its last 核对, in the order recorded
  options: Standing[] // where it may stand: as merged, and where each branch ends
}

const list = <T>(v: T[] | null | undefined): T[] => v ?? []
const withEvents = (c: Case): Case => ({ ...c, events: list(c.events), parties: list(c.parties) })

export const casesApi = {
  choices: async (): Promise<CaseChoices> => {
    const c = await call(() => binding.Choices())
    return {
      sources: list(c.sources), categories: list(c.categories), urgencies: list(c.urgencies), levels: list(c.levels),
      states: list(c.states), satisfactions: list(c.satisfactions), mediations: list(c.mediations), bodies: list(c.bodies),
      dispute: c.dispute ?? '', extend: c.extend ?? '', remind: c.remind ?? '', allowed: c.allowed ?? {},
      needs: list(c.needs) as CaseNeeds[], cards: list(c.cards), partyRoles: list(c.partyRoles), defaultLevel: c.defaultLevel,
    }
  },
  register: async (input: CaseInput): Promise<{ id: string; number: string }> => {
    const r = await call(() => binding.Register(input as cases.Input))
    return { id: r.id ?? '', number: r.number ?? '' }
  },
  act: (id: string, step: CaseStep): Promise<void> => call(() => binding.Act(id, step as cases.Step)),
  // actAndIssue takes a step that issues a document (交办, 催办, 办结 of a case handed down) and returns
  // the issued document.
  actAndIssue: async (id: string, step: CaseStep): Promise<Issued> => (await call(() => binding.ActAndIssue(id, step as cases.Step))) as Issued,
  // agreementDraft gives the 人民调解协议书 of a dispute mediated to an agreement, prefilled from the case.
  agreementDraft: async (id: string): Promise<Record<string, unknown>> => (await call(() => binding.AgreementDraft(id))) as unknown as Record<string, unknown>,
  // issueAgreement archives the agreement (its input as JSON) under the case and records it on the timeline.
  issueAgreement: async (id: string, input: string): Promise<Issued> => (await call(() => binding.IssueAgreement(id, input))) as Issued,
  addParty: (caseId: string, p: PartyInput): Promise<string> => call(() => binding.AddParty(caseId, p as cases.PartyInput)),
  removeParty: (caseId: string, partyId: string): Promise<void> => call(() => binding.RemoveParty(caseId, partyId)),
  restoreParty: (caseId: string, partyId: string): Promise<void> => call(() => binding.RestoreParty(caseId, partyId)),
  documents: async (id: string): Promise<Issued[]> => list((await call(() => binding.Documents(id))) as Issued[]),
  get: async (id: string): Promise<Case> => withEvents((await call(() => binding.Get(id))) as Case),
  list: async (q: CaseQuery): Promise<CasePage> => {
    const p = await call(() => binding.List(q as cases.Query))
    return { items: list(p.items as Case[]).map(withEvents), total: p.total }
  },
  supervision: (): Promise<CaseCounts> => call(() => binding.Supervision()),
  timelineClashes: async (): Promise<TimelineClash[]> => list((await call(() => binding.TimelineClashes())) as TimelineClash[]),
  settleTimeline: (caseId: string, to: Standing): Promise<void> => call(() => binding.SettleTimeline(caseId, to as cases.Standing)),
  statistics: (from: string, to: string, villageId = ''): Promise<CaseStats> => call(() => binding.Statistics(from, to, villageId)),
  report: async (from: string, to: string, villageId = ''): Promise<CaseReport> => {
    const r = (await call(() => binding.Report(from, to, villageId))) as CaseReport
    return {
      ...r, byState: list(r.byState), byCategory: list(r.byCategory), bySource: list(r.bySource), byMonth: list(r.byMonth),
      byVillage: list(r.byVillage), byHandler: list(r.byHandler),
    }
  },
  // printReport renders the report as a 民情统计报表 for the print preview (nothing is archived).
  printReport: async (from: string, to: string, villageId: string, scope: string): Promise<DocFile> =>
    docFile(await call(() => binding.PrintReport(from, to, villageId, scope))),
  // exportReport writes the report as a workbook where the officer chooses; '' when cancelled.
  exportReport: (from: string, to: string, villageId: string, scope: string): Promise<string> =>
    call(() => binding.ExportReport(from, to, villageId, scope)),
  settings: async (): Promise<CaseSettings> => {
    const st = await call(() => binding.Settings())
    return { categories: list(st.categories), yellowDays: st.yellowDays, followUpDays: st.followUpDays, builtIn: list(st.builtIn) }
  },
  setSettings: (st: CaseSettings): Promise<void> => call(() => binding.SetSettings(st as cases.Settings)),
  // The 民情台账 in Excel; a path left '' is asked for, and '' comes back when the officer cancels.
  ledgerTemplate: (): Promise<string> => call(() => binding.Template('')),
  ledgerImport: async (path: string, validOnly: boolean): Promise<LedgerSummary> => {
    const s = (await call(() => binding.Import(path, validOnly, ''))) as LedgerSummary
    return { ...s, problems: list(s.problems), notices: list(s.notices), unknown: list(s.unknown) }
  },
  ledgerExport: async (q: CaseQuery): Promise<{ path: string; count: number }> =>
    (await call(() => binding.Export({ ...q, offset: 0 } as cases.Query, ''))) as { path: string; count: number },
  handlerChoices: async (villageId: string): Promise<HandlerChoice[]> => list(await call(() => binding.HandlerChoices(villageId))),
  // ofVisits gives, for the visits a case came from, the case's number (visit id → number).
  ofVisits: async (visitIds: string[]): Promise<Record<string, string>> => (await call(() => binding.OfVisits(visitIds))) ?? {},
}
